/**
 * Lint BPMN files as Camunda Modeler's problems panel does (@camunda/linting), and print one
 * JSON report: {"files": [{"bpmn", "platform", "reports": [{"id", "category", "rule", "message"}]}]}.
 *
 * A file that names no execution platform is linted as the Modeler opens it by default:
 * Camunda 7 (executionPlatform "Camunda Platform", version DEFAULT_VERSION).
 *
 * @camunda/linting ships bundler-style ESM (imports without file extensions, JSON imports), so
 * node cannot load it as it is: tools/setup.sh bundles this file with esbuild into
 * build/camunda-lint.mjs, which is what runs.
 *
 * Usage: node build/camunda-lint.mjs FILE.bpmn...   Exit 0 when the report was written, 2 on usage errors.
 */
import { readFileSync } from 'node:fs';

import { Linter } from '@camunda/linting';
import { BpmnModdle } from 'bpmn-moddle';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import modelerModdle from 'modeler-moddle/resources/modeler.json';

const DEFAULT_PLATFORM = 'Camunda Platform';
const DEFAULT_VERSION = '7.24.0';

const moddle = new BpmnModdle({ modeler: modelerModdle, camunda: camundaModdle });
const linter = new Linter({ modeler: 'desktop', type: 'platform' });

async function lintFile(file) {
  const { rootElement, warnings } = await moddle.fromXML(readFileSync(file, 'utf8'));
  if (!rootElement.get('modeler:executionPlatform')) {
    rootElement.set('modeler:executionPlatform', DEFAULT_PLATFORM);
    rootElement.set('modeler:executionPlatformVersion', DEFAULT_VERSION);
  }
  const reports = await linter.lint(rootElement);
  return {
    bpmn: file,
    platform: `${rootElement.get('modeler:executionPlatform')} ${rootElement.get('modeler:executionPlatformVersion')}`,
    parseWarnings: warnings.map(warning => warning.message),
    reports: reports.map(({ id, category, rule, message }) => ({ id, category, rule, message }))
  };
}

const files = process.argv.slice(2);
if (!files.length || files.some(file => file.startsWith('--'))) {
  console.error('usage: node build/camunda-lint.mjs FILE.bpmn...');
  process.exit(2);
}
const results = [];
for (const file of files) {
  results.push(await lintFile(file));
}
process.stdout.write(JSON.stringify({ files: results }, null, 1) + '\n');
