// Before each test file: on PostgreSQL, the server its engine children and CLI runs will share.
import { prepareDatabase } from '../runner/kit/db/prepare.ts';

await prepareDatabase();
