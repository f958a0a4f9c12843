import { DIMENSIONS, SOURCE_KINDS } from '../core/spend/types';

/** `spend`'s usage, apart from the command so that printing help loads none of the spend backends. */
export const SPEND_USAGE = `  spend                  What the team spends, from .finops.yml's source or the bundled sample
    --source SOURCE      ${SOURCE_KINDS.join(', ')}
    --path P             focus: a FOCUS export file, folder or glob
    --url U              opencost or http: the service's base URL (token in AI_FINOPS_TOKEN,
                         sent only to this origin or to AI_FINOPS_TOKEN_ORIGIN)
    --table T            athena: database.table; bigquery: project.dataset.view (FOCUS)
    --layout L           the table's columns: focus (default), cur2 (athena: CUR 2.0),
                         billing-export (bigquery: the Cloud Billing export)
    --workgroup W        athena: the workgroup (credentials: the AWS chain, --profile)
    --profile P          aws-cost-explorer, athena: AWS profile;  --region R  its region
    --project P          bigquery: the project jobs are billed to (credentials:
                         GOOGLE_OAUTH_ACCESS_TOKEN or application-default)
    --max-scan-gb N      athena, bigquery: the most one query may scan (default 10)
    --from YYYY-MM-DD    first day (default: 29 days before --to)
    --to YYYY-MM-DD      last day, inclusive (default: today, or the sample's last day)
    --group-by DIM       ${DIMENSIONS.join(', ')} or tag:<key> (default: team)
    --team T             only these teams (repeatable)
    --granularity G      day (default) or month
    --metric M           effective (default), billed or list
    --format FORMAT      table (default), json or csv
`;
