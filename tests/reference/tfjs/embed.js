// Test-only reference: runs a TF.js graph model with TensorFlow.js itself (pure JavaScript CPU
// backend, tfjs-core/-converter/-backend-cpu from package-lock.json, installed by setup.sh) on
// raw inputs, so the station's C++ executor can be checked against it.
//
//   node embed.js MODEL.json OUT.json INPUT.f32...
// Each INPUT.f32 holds one input tensor (float32, little-endian, NHWC, batch 1) of the model's
// input shape. OUT.json: {"outputs": [[...], ...]} in the order of the inputs.
// The model is loaded offline: model.json and its shards are read from disk and handed to
// tf.io.fromMemory; nothing is fetched.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const converter = require('@tensorflow/tfjs-converter');

async function main() {
  const [modelPath, outPath, ...inputs] = process.argv.slice(2);
  if (!modelPath || !outPath || inputs.length === 0) {
    console.error('usage: node embed.js MODEL.json OUT.json INPUT.f32...');
    process.exit(2);
  }
  await tf.setBackend('cpu');
  const model = JSON.parse(fs.readFileSync(modelPath, 'utf8'));
  const specs = [];
  const shards = [];
  for (const group of model.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) shards.push(fs.readFileSync(path.join(path.dirname(modelPath), p)));
  }
  const all = Buffer.concat(shards);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  const graph = await converter.loadGraphModel(
      tf.io.fromMemory({modelTopology: model.modelTopology, weightSpecs: specs, weightData,
                        format: model.format, generatedBy: model.generatedBy,
                        convertedBy: model.convertedBy, userDefinedMetadata: model.userDefinedMetadata}));
  const shape = graph.inputs[0].shape.map((d) => (d === -1 || d === null ? 1 : d));
  const size = shape.reduce((a, b) => a * b, 1);
  const outputs = [];
  for (const file of inputs) {
    const bytes = fs.readFileSync(file);
    if (bytes.length !== size * 4) throw new Error(`${file}: ${bytes.length} bytes, expected ${size * 4}`);
    const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    const input = tf.tensor(values, shape, 'float32');
    const result = graph.execute(input);
    outputs.push(Array.from(await result.data()));
    tf.dispose([input, result]);
  }
  fs.writeFileSync(outPath, JSON.stringify({backend: tf.getBackend(), outputs}));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
