/** Bad arguments exit with 2, as CI tools expect; findings are the commands' business. */
export class UsageError extends Error {}
