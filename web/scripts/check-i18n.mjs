// Fails the build when the zh-CN and en message files do not have exactly the same keys, or a
// message is empty: every visible string must exist in both languages.
import zh from '../src/i18n/zh-CN.js'
import en from '../src/i18n/en.js'

function flatten(obj, prefix = '', out = new Map()) {
  for (const [key, value] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (value && typeof value === 'object') flatten(value, path, out)
    else out.set(path, value)
  }
  return out
}

const a = flatten(zh)
const b = flatten(en)
const problems = []
for (const key of a.keys()) if (!b.has(key)) problems.push(`en is missing ${key}`)
for (const key of b.keys()) if (!a.has(key)) problems.push(`zh-CN is missing ${key}`)
for (const [name, map] of [['zh-CN', a], ['en', b]]) {
  for (const [key, value] of map) {
    if (typeof value !== 'string' || value.trim() === '') problems.push(`${name}: ${key} is empty`)
    else if (/[|@$]/.test(value)) problems.push(`${name}: ${key} uses a vue-i18n syntax character`)
  }
}
if (problems.length) {
  console.error(problems.join('\n'))
  process.exit(1)
}
console.log(`i18n: ${a.size} messages in zh-CN and en`)
