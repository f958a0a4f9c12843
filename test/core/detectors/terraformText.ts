/** A small, valid Terraform file with `n` GPU instances, for parser tests. */
export function terraformFileForTest(n: number): string {
  const blocks = Array.from({ length: n }, (_, i) => `# node ${i}\nresource "aws_instance" "n${i}" {\n  count = 2\n  instance_type = "g5.xlarge"\n}\n`);
  return `provider "aws" {\n  region = "us-east-1"\n}\n${blocks.join('\n')}`;
}
