/**
 * Lint BPMN files as Camunda Modeler's problems panel does (@camunda/linting), and print one
 * JSON report: {"files": [{"bpmn", "platform", "error", "parseWarnings",
 * "reports": [{"id", "category", "rule", "message"}]}]}.
 *
 * Each file is linted as the platform it names (modeler:executionPlatform and
 * executionPlatformVersion), with that platform's moddle descriptors, as the Modeler opens it:
 * "Camunda Cloud" (Camunda 8) with the zeebe descriptor, anything else with the camunda (7)
 * one. A file that names no platform is linted as the Modeler opens it by default: Camunda 7
 * (executionPlatform "Camunda Platform", version DEFAULT_VERSION); a file that names Camunda 8
 * without a version, as DEFAULT_CLOUD_VERSION. A file that cannot be linted gets its "error";
 * the others are still linted.
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
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';

const DEFAULT_PLATFORM = 'Camunda Platform';
const DEFAULT_VERSION = '7.24.0';
const CLOUD = 'Camunda Cloud';
const DEFAULT_CLOUD_VERSION = '8.6.0';

// Zeebe and Camunda descriptors cannot be used together (as in @camunda/linting's Linter).
const PLATFORMS = {
  platform: {
    moddle: new BpmnModdle({ modeler: modelerModdle, camunda: camundaModdle }),
    linter: new Linter({ modeler: 'desktop', type: 'platform' })
  },
  cloud: {
    moddle: new BpmnModdle({ modeler: modelerModdle, zeebe: zeebeModdle }),
    linter: new Linter({ modeler: 'desktop', type: 'cloud' })
  }
};

/** The platform a file names, read from the <definitions> start tag (null: none). */
function namedPlatform(xml) {
  const start = /<(?:[\w.-]+:)?definitions\b[^>]*>/.exec(xml);
  const platform = start && /\s[\w.-]+:executionPlatform\s*=\s*["']([^"']*)["']/.exec(start[0]);
  return platform ? platform[1].trim() : null;
}

async function lintFile(file) {
  const xml = readFileSync(file, 'utf8');
  const { moddle, linter } = PLATFORMS[namedPlatform(xml) === CLOUD ? 'cloud' : 'platform'];
  const { rootElement, warnings } = await moddle.fromXML(xml);
  if (!rootElement.get('modeler:executionPlatform')) {
    rootElement.set('modeler:executionPlatform', DEFAULT_PLATFORM);
    rootElement.set('modeler:executionPlatformVersion', DEFAULT_VERSION);
  } else if (!rootElement.get('modeler:executionPlatformVersion')) {
    const cloud = rootElement.get('modeler:executionPlatform') === CLOUD;
    rootElement.set('modeler:executionPlatformVersion', cloud ? DEFAULT_CLOUD_VERSION : DEFAULT_VERSION);
  }
  const reports = (await linter.lint(rootElement))
    .map(({ id, category, rule, message }) => ({ id: id || null, category, rule, message }));
  const key = (r) => `${r.rule}\0${r.id}\0${r.message}`;
  reports.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return {
    bpmn: file,
    platform: `${rootElement.get('modeler:executionPlatform')} ${rootElement.get('modeler:executionPlatformVersion')}`,
    error: null,
    parseWarnings: warnings.map(warning => String(warning.message).split('\n')[0]),
    reports
  };
}

const files = process.argv.slice(2);
if (!files.length || files.some(file => file.startsWith('--'))) {
  console.error('usage: node build/camunda-lint.mjs FILE.bpmn...');
  process.exit(2);
}
const results = [];
for (const file of files) {
  try {
    results.push(await lintFile(file));
  } catch (err) {
    results.push({ bpmn: file, platform: null, error: String(err.message || err).split('\n')[0],
      parseWarnings: [], reports: [] });
  }
}
process.stdout.write(JSON.stringify({ files: results }, null, 1) + '\n');
