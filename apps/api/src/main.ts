import './register-aliases';
import 'reflect-metadata';
import { runCli } from './cli';

runCli(process.argv.slice(2)).catch((error: Error) => {
  console.error(`[crosslane] ${error.message}`);
  process.exit(1);
});
