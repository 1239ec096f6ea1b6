// Drives Confluent's official JavaScript Schema Registry client and Avro serdes against a registry
// and prints one JSON document of what the client saw. It judges nothing itself: the JUnit test
// (io.conveyor.serde.avro.ConfluentJsClientConformanceTest) compares the results with Confluent's
// documented behaviour and with what Conveyor's Java side sees.
//
// Usage: node conformance.mjs <registry-url> <scratch-dir>
// The scratch directory holds request.json (written by the Java test):
//   { "prefix": unique name, "jsTopic": topic the JS serializer writes to,
//     "jsRecord": the record to serialize, "javaTopic": topic of the Java-written payload,
//     "javaWritten": file name of the Java-written payload }
// Written here: js-written.bin (the JS-serialized jsRecord).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import {
  AvroDeserializer,
  AvroSerializer,
  RestError,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';

const [registryUrl, scratchDir] = process.argv.slice(2);
if (!registryUrl || !scratchDir) {
  console.error('usage: node conformance.mjs <registry-url> <scratch-dir>');
  process.exit(2);
}

const here = new URL('.', import.meta.url).pathname;
const request = JSON.parse(readFileSync(join(scratchDir, 'request.json'), 'utf8'));
const shipmentV1 = readFileSync(join(here, 'shipment.avsc'), 'utf8');
const clientPackage = createRequire(import.meta.url)('@confluentinc/schemaregistry/package.json');

const avro = (schema) => ({ schemaType: 'AVRO', schema: typeof schema === 'string' ? schema : JSON.stringify(schema) });
const shipment = JSON.parse(shipmentV1);
// Adding a field with a default is compatible under every level.
const shipmentWithCarrier = {
  ...shipment,
  fields: [...shipment.fields, { name: 'carrier', type: 'string', default: 'post' }],
};
// Changing a field's type from string to int is incompatible under every level but NONE.
const shipmentWithNumericDestination = {
  ...shipment,
  fields: shipment.fields.map((f) => (f.name === 'destination' ? { name: 'destination', type: 'int' } : f)),
};
const invalidSchema = '{"type":"record","name":"Broken","fields":[{"name":"x","type":"no.such.Type"}]}';

// No retries: a refusal must surface as the registry sent it, and a retried 5xx would only hide it.
const newClient = () => new SchemaRegistryClient({ baseURLs: [registryUrl], maxRetries: 0 });

const subject = `${request.jsTopic}-value`;
const unknownSubject = `${request.prefix}-never-registered-value`;

/** Runs one scenario; records its value or the status and error code the client surfaced. */
async function scenario(fn) {
  try {
    return { value: await fn() };
  } catch (e) {
    if (e instanceof RestError) {
      return { error: { status: e.status, errorCode: e.errorCode, message: e.message } };
    }
    return { error: { status: null, errorCode: null, message: String(e?.stack ?? e) } };
  }
}

async function registryScenarios() {
  const client = newClient();
  const results = {};
  const globalBefore = await scenario(() => client.getDefaultCompatibility());
  results.globalCompatibilityRead = globalBefore;
  // Writing back the level that is already set exercises PUT /config without disturbing the other
  // tests that share this registry.
  results.globalCompatibilitySet = await scenario(() => client.updateDefaultCompatibility(globalBefore.value));
  results.globalConfigRead = await scenario(() => client.getDefaultConfig());

  results.subjectCompatibilitySet = await scenario(() => client.updateCompatibility(subject, 'FULL'));
  results.subjectCompatibilityRead = await scenario(() => client.getCompatibility(subject));
  results.subjectConfigRead = await scenario(() => client.getConfig(subject));

  results.register = await scenario(() => client.register(subject, avro(shipmentV1)));
  results.registerAgainFreshClient = await scenario(() => newClient().register(subject, avro(shipmentV1)));
  results.schemaById = await scenario(() => newClient().getBySubjectAndId(subject, results.register.value));
  results.allVersions = await scenario(() => client.getAllVersions(subject));
  results.latestMetadata = await scenario(() => newClient().getLatestSchemaMetadata(subject));
  results.versionMetadata = await scenario(() => newClient().getSchemaMetadata(subject, 1));
  results.idBySchema = await scenario(() => newClient().getId(subject, avro(shipmentV1)));
  results.versionBySchema = await scenario(() => newClient().getVersion(subject, avro(shipmentV1)));
  results.compatibleEvolution = await scenario(() => client.testSubjectCompatibility(subject, avro(shipmentWithCarrier)));
  results.incompatibleEvolution = await scenario(() =>
    client.testCompatibility(subject, 1, avro(shipmentWithNumericDestination)));
  return results;
}

async function failureScenarios() {
  const client = newClient();
  return {
    incompatibleSchema: await scenario(() => client.register(subject, avro(shipmentWithNumericDestination))),
    unknownSubject: await scenario(() => client.getLatestSchemaMetadata(unknownSubject)),
    unknownSubjectVersions: await scenario(() => client.getAllVersions(unknownSubject)),
    unknownVersion: await scenario(() => client.getSchemaMetadata(subject, 99)),
    unknownId: await scenario(() => client.getBySubjectAndId(subject, 987654321)),
    unregisteredSchema: await scenario(() => client.getId(subject, avro(shipmentWithCarrier))),
    invalidSchema: await scenario(() => client.register(subject, avro(invalidSchema))),
    invalidCompatibilityLevel: await scenario(() => client.updateCompatibility(subject, 'SOMETIMES')),
  };
}

async function serdeScenarios() {
  const client = newClient();
  const written = await scenario(async () => {
    // The schema was registered above; the serializer writes with the subject's latest version,
    // which is how Confluent documents producing with an explicit schema from JavaScript.
    const serializer = new AvroSerializer(client, SerdeType.VALUE, { autoRegisterSchemas: false, useLatestVersion: true });
    const bytes = await serializer.serialize(request.jsTopic, request.jsRecord);
    writeFileSync(join(scratchDir, 'js-written.bin'), bytes);
    return { file: 'js-written.bin', length: bytes.length };
  });
  const javaRead = await scenario(async () => {
    const deserializer = new AvroDeserializer(newClient(), SerdeType.VALUE, {});
    return deserializer.deserialize(request.javaTopic, readFileSync(join(scratchDir, request.javaWritten)));
  });
  return { jsWrote: written, jsReadJavaBytes: javaRead };
}

const document = {
  client: { name: clientPackage.name, version: clientPackage.version },
  subject,
  registry: await registryScenarios(),
  failures: await failureScenarios(),
  serde: await serdeScenarios(),
};
process.stdout.write(JSON.stringify(document, null, 2) + '\n');
