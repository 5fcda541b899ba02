// Offline verification of an evidence receipt in the browser (issue 5 item 7): the same checks,
// in the same order and with the same part names, as `ipalliance verify` (src/evidence/receipt.cpp).
// Nothing here calls the server: SHA-256 and Ed25519 come from WebCrypto, the Merkle proof is
// RFC 9162 section 2.1.3.2, the leaf and note formats are docs/evidence-log-format.md.
// Pure ES module without Vue, so Node runs it too (tests/browser/receipt_verify.test.mjs).

const LEAF_HEADER = 'ipa-evidence-v1'
const LEAF_KEYS = [
  'kind', 'office', 'case_id', 'evidence_id', 'sha256', 'media_type', 'size', 'captured_by',
  'captured_at', 'place', 'method', 'tool', 'notes', 'custody_step', 'event', 'recorded_at',
]
const EM_DASH = '\u2014'
const MAX_NOTE_BYTES = 64 * 1024
const MAX_SIGNATURES = 100

// A failed check: `part` names what failed ("leaf", "checkpoint", "tree_size", "inclusion_path",
// "file", or a JSON field such as "public_keys.ipa-TJ"), `message` says why.
export class VerifyError extends Error {
  constructor(part, message) {
    super(`${part}: ${message}`)
    this.part = part
    this.reason = message
  }
}

function fail(part, message) {
  throw new VerifyError(part, message)
}

const utf8 = new TextEncoder()
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

// Standard base64 with padding, canonical only (re-encoding gives the same text).
export function base64Decode(text, part) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    fail(part, 'is not canonical standard base64')
  }
  let binary
  try {
    binary = atob(text)
  } catch {
    fail(part, 'is not canonical standard base64')
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  if (base64Encode(bytes) !== text) fail(part, 'is not canonical standard base64')
  return bytes
}

export function base64Encode(bytes) {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}

export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

function equalBytes(a, b) {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
}

// RFC 9162: leaf hash SHA-256(0x00 || leaf), interior node SHA-256(0x01 || left || right).
export async function hashLeaf(leaf) {
  return sha256(concat(new Uint8Array([0]), leaf))
}

async function hashChildren(left, right) {
  return sha256(concat(new Uint8Array([1]), left, right))
}

// RFC 9162 section 2.1.3.2, with BigInt indices (sizes go up to 2^64 - 1).
export async function rootFromInclusion(index, size, leafHash, path) {
  if (index >= size) fail('inclusion_path', `leaf index ${index} is not below tree size ${size}`)
  let fn = index
  let sn = size - 1n
  let r = leafHash
  for (const p of path) {
    if (sn === 0n) fail('inclusion_path', 'the path is longer than the tree needs')
    if ((fn & 1n) === 1n || fn === sn) {
      r = await hashChildren(p, r)
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n
          sn >>= 1n
        }
      }
    } else {
      r = await hashChildren(r, p)
    }
    fn >>= 1n
    sn >>= 1n
  }
  if (sn !== 0n) fail('inclusion_path', 'the path is shorter than the tree needs')
  return r
}

function unescapeValue(raw, key) {
  const bytes = []
  const source = utf8.encode(raw)
  for (let i = 0; i < source.length; i++) {
    const b = source[i]
    if (b < 0x20 || b === 0x7f) fail('leaf', `${key} holds a raw control character`)
    if (b !== 0x25) {
      bytes.push(b)
      continue
    }
    const hex = String.fromCharCode(source[i + 1] ?? 0, source[i + 2] ?? 0)
    if (!/^[0-9A-F]{2}$/.test(hex)) fail('leaf', `${key} has a bad %-escape`)
    const v = parseInt(hex, 16)
    if (!(v < 0x20 || v === 0x7f || v === 0x25)) fail('leaf', `${key} escapes a byte that is written as is`)
    bytes.push(v)
    i += 2
  }
  try {
    return strictUtf8.decode(new Uint8Array(bytes))
  } catch {
    fail('leaf', `${key} is not UTF-8`)
  }
}

// The record in canonical leaf bytes; rejects what EncodeLeaf would not write (the field rules
// beyond the layout — hex digits, times, required fields — are checked too).
export function decodeLeaf(leafBytes) {
  let text
  try {
    text = strictUtf8.decode(leafBytes)
  } catch {
    fail('leaf', 'is not UTF-8')
  }
  if (!text.endsWith('\n')) fail('leaf', 'does not end with a newline')
  const lines = text.slice(0, -1).split('\n')
  if (lines[0] !== LEAF_HEADER) fail('leaf', `does not start with the line ${LEAF_HEADER}`)
  if (lines.length !== LEAF_KEYS.length + 1) fail('leaf', `has ${lines.length - 1} fields, expected ${LEAF_KEYS.length}`)
  const record = {}
  LEAF_KEYS.forEach((key, i) => {
    const line = lines[i + 1]
    if (!line.startsWith(`${key}=`)) fail('leaf', `line ${i + 2} should be ${key}=…`)
    record[key] = unescapeValue(line.slice(key.length + 1), key)
  })
  if (!['evidence', 'custody', 'case_event'].includes(record.kind)) fail('leaf', `unknown kind "${record.kind}"`)
  if (record.size && !/^(0|[1-9][0-9]{0,19})$/.test(record.size)) fail('leaf', 'size is not a decimal number')
  if (record.size && BigInt(record.size) >= 1n << 64n) fail('leaf', 'size is too large')
  validateRecord(record)
  return record
}

const MAX_TEXT = 4096
const MAX_NOTES = 16384

function isUtcTime(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{3})?Z$/.exec(s)
  if (!m) return false
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number)
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  if (month < 1 || month > 12 || day < 1 || day > days[month - 1]) return false
  if (month === 2 && day === 29 && !leap) return false
  return hour < 24 && minute < 60 && second < 60
}

const FORMATS = {
  office: (s) => /^[A-Z0-9_-]{1,32}$/.test(s),
  sha256: (s) => /^[0-9a-f]{64}$/.test(s),
  media_type: (s) => s.length <= 127 && /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(s),
  event: (s) => /^[a-z0-9_.]{1,64}$/.test(s),
  captured_at: isUtcTime,
  recorded_at: isUtcTime,
}

// The field rules of ValidateRecord (src/evidence/leaf.cpp), in its order.
function validateRecord(r) {
  const evidence = r.kind === 'evidence'
  const custody = r.kind === 'custody'
  const check = (key, required, max = MAX_TEXT) => {
    const value = r[key]
    if (!value) {
      if (required) fail('leaf', `${key} is required for this kind of record`)
      return
    }
    if (utf8.encode(value).length > max) fail('leaf', `${key} is too long`)
    if (FORMATS[key] && !FORMATS[key](value)) fail('leaf', `${key} is malformed`)
  }
  check('office', true, 32)
  check('case_id', true)
  check('evidence_id', evidence || custody)
  check('sha256', evidence, 64)
  check('media_type', evidence, 127)
  if (evidence && !r.size) fail('leaf', 'size is required for this kind of record')
  check('captured_by', evidence)
  check('captured_at', evidence, 24)
  for (const key of ['place', 'method', 'tool']) check(key, false)
  check('notes', false, MAX_NOTES)
  check('custody_step', custody)
  check('event', r.kind === 'case_event', 64)
  check('recorded_at', true, 24)
}


// C2SP signed note: body, one blank line, signature lines "— name base64(keyid || sig)".
export function parseNote(text) {
  if (typeof text !== 'string') fail('checkpoint', 'expected the signed-note text')
  if (utf8.encode(text).length > MAX_NOTE_BYTES) fail('checkpoint', 'signed note: note is too large')
  const blank = text.lastIndexOf('\n\n')
  if (blank < 0) fail('checkpoint', 'signed note: no blank line before the signatures')
  const body = text.slice(0, blank + 1)
  const rest = text.slice(blank + 2)
  for (const line of body.slice(0, -1).split('\n')) {
    if (line === '') fail('checkpoint', 'signed note: body has an empty line')
    if (!/^[\x20-\x7e]+$/.test(line)) fail('checkpoint', 'signed note: body has a character that is not printable ASCII')
  }
  if (rest === '') fail('checkpoint', 'signed note: no signatures')
  if (!rest.endsWith('\n')) fail('checkpoint', 'signed note: note must end with a newline')
  const signatures = []
  for (const line of rest.slice(0, -1).split('\n')) {
    if (!line.startsWith(`${EM_DASH} `)) fail('checkpoint', 'signed note: signature line does not start with "— "')
    const fields = line.slice(2).split(' ')
    if (fields.length !== 2) fail('checkpoint', 'signed note: malformed signature line')
    const [name, b64] = fields
    if (!/^[\x21-\x2a\x2c-\x7e]{1,128}$/.test(name)) fail('checkpoint', 'signed note: invalid key name in a signature line')
    const raw = base64Decode(b64, 'checkpoint')
    if (raw.length <= 4) fail('checkpoint', 'signed note: signature is too short')
    if (signatures.some((s) => s.name === name)) fail('checkpoint', `signed note: two signatures by ${name}`)
    signatures.push({ name, keyId: raw.slice(0, 4), signature: raw.slice(4) })
  }
  if (signatures.length > MAX_SIGNATURES) fail('checkpoint', 'signed note: too many signatures')
  return { body, signatures }
}

// C2SP tlog-checkpoint body: origin, decimal size, base64 root, optional extension lines.
export function parseCheckpoint(body) {
  const lines = body.slice(0, -1).split('\n')
  if (lines.length < 3) fail('checkpoint', 'a checkpoint has an origin, a size and a root hash')
  const [origin, sizeText, rootText] = lines
  if (!/^(0|[1-9][0-9]{0,19})$/.test(sizeText) || BigInt(sizeText) >= 1n << 64n) {
    fail('checkpoint', `tree size "${sizeText}" is not a decimal number`)
  }
  const root = base64Decode(rootText, 'checkpoint')
  if (root.length !== 32) fail('checkpoint', 'the root hash is not 32 bytes')
  return { origin, size: BigInt(sizeText), root, extensions: lines.slice(3) }
}

// Key id: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key).
export async function keyId(name, publicKey) {
  const digest = await sha256(concat(utf8.encode(name), new Uint8Array([0x0a, 0x01]), publicKey))
  return digest.slice(0, 4)
}

async function ed25519Verify(publicKey, signature, message) {
  const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify'])
  return crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message)
}

// Signatures by known keys (name and key id match) must verify; others are ignored.
async function verifyNote(note, keys) {
  const verified = []
  for (const sig of note.signatures) {
    const key = keys.get(sig.name)
    if (!key) continue
    if (!equalBytes(await keyId(sig.name, key), sig.keyId)) continue
    if (sig.signature.length !== 64 || !(await ed25519Verify(key, sig.signature, utf8.encode(note.body)))) {
      fail('checkpoint', `signature check failed: the signature by ${sig.name} does not verify`)
    }
    verified.push(sig.name)
  }
  return verified
}

function parseIndex(value, part) {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  if (typeof value === 'string' && /^(0|[1-9][0-9]*)$/.test(value)) return BigInt(value)
  fail(part, 'expected a non-negative integer')
}

// Strict parsing of the receipt JSON (same fields as ParseReceipt in src/evidence/receipt.cpp).
export function parseReceipt(json) {
  let j
  try {
    j = typeof json === 'string' ? JSON.parse(json) : json
  } catch (err) {
    fail('receipt', `is not JSON: ${err.message}`)
  }
  if (j === null || typeof j !== 'object' || Array.isArray(j)) fail('receipt', 'expected a JSON object')
  const known = ['leaf', 'leaf_index', 'tree_size', 'inclusion_path', 'checkpoint', 'public_keys']
  for (const k of Object.keys(j)) if (!known.includes(k)) fail(k, 'unknown field')
  for (const k of known) if (!(k in j)) fail(k, 'missing')
  const receipt = {
    leaf: base64Decode(j.leaf, 'leaf'),
    leafIndex: parseIndex(j.leaf_index, 'leaf_index'),
    treeSize: parseIndex(j.tree_size, 'tree_size'),
    inclusionPath: [],
    checkpoint: j.checkpoint,
    publicKeys: new Map(),
  }
  if (!Array.isArray(j.inclusion_path)) fail('inclusion_path', 'expected a list')
  j.inclusion_path.forEach((h, i) => {
    const bytes = base64Decode(h, `inclusion_path[${i}]`)
    if (bytes.length !== 32) fail(`inclusion_path[${i}]`, `is ${bytes.length} bytes, a hash has 32`)
    receipt.inclusionPath.push(bytes)
  })
  if (typeof j.checkpoint !== 'string') fail('checkpoint', 'expected the signed-note text')
  if (j.public_keys === null || typeof j.public_keys !== 'object' || Array.isArray(j.public_keys)) {
    fail('public_keys', 'expected an object of name: key')
  }
  for (const [name, b64] of Object.entries(j.public_keys)) {
    const key = base64Decode(b64, `public_keys.${name}`)
    if (key.length !== 32) fail(`public_keys.${name}`, 'an Ed25519 public key has 32 bytes')
    receipt.publicKeys.set(name, key)
  }
  return receipt
}

// Verifies a receipt (JSON text or object) and optionally the file it covers (Uint8Array), in
// this order: the leaf is a canonical record; the checkpoint's signatures verify and each of
// `requiredSigners` (default: every key in the receipt) signed — against `pinnedKeys` (Map of
// name → 32-byte key) when given; the receipt's tree size is the signed size; the inclusion
// path leads to the signed root; the file's SHA-256 and size are the record's.
// Resolves to {record, checkpoint, signers, fileChecked, leafHash}; rejects with VerifyError.
export async function verifyReceipt(json, file = null, { requiredSigners = null, pinnedKeys = null } = {}) {
  const r = parseReceipt(json)
  const record = decodeLeaf(r.leaf)
  if (pinnedKeys) {
    for (const [name, key] of r.publicKeys) {
      const pinned = pinnedKeys.get(name)
      if (!pinned || !equalBytes(pinned, key)) fail(`public_keys.${name}`, 'is not the key pinned for this name')
    }
  }
  const note = parseNote(r.checkpoint)
  const signers = await verifyNote(note, pinnedKeys ?? r.publicKeys)
  for (const name of requiredSigners ?? [...r.publicKeys.keys()]) {
    if (!signers.includes(name)) fail('checkpoint', `no valid signature from ${name}`)
  }
  const checkpoint = parseCheckpoint(note.body)
  if (r.treeSize !== checkpoint.size) {
    fail('tree_size', `${r.treeSize} is not the signed checkpoint's size ${checkpoint.size}`)
  }
  const leafHash = await hashLeaf(r.leaf)
  const root = await rootFromInclusion(r.leafIndex, r.treeSize, leafHash, r.inclusionPath)
  if (!equalBytes(root, checkpoint.root)) {
    fail('inclusion_path', 'the leaf is not in the signed tree: the path leads to another root')
  }
  let fileChecked = false
  if (file) {
    const actual = toHex(await sha256(file))
    if (actual !== record.sha256) fail('file', `its SHA-256 is ${actual}, the record says ${record.sha256}`)
    if (record.size && BigInt(record.size) !== BigInt(file.length)) {
      fail('file', `it has ${file.length} bytes, the record says ${record.size}`)
    }
    fileChecked = true
  }
  return {
    record,
    checkpoint: { origin: checkpoint.origin, size: checkpoint.size, root: base64Encode(checkpoint.root) },
    leafIndex: r.leafIndex,
    signers,
    fileChecked,
    leafHash: toHex(leafHash),
  }
}
