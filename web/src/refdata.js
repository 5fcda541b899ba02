// Reference data that rarely changes (regions, industries), fetched once per page load.
import { apiGet } from './api.js'

const cache = new Map()

function cached(key, load) {
  if (!cache.has(key)) {
    const promise = load().catch((err) => {
      cache.delete(key)
      throw err
    })
    cache.set(key, promise)
  }
  return cache.get(key)
}

/** Regions under `parent` (GB/T 2260); without parent, the provinces. */
export function loadRegions(parent) {
  const key = `regions:${parent || ''}`
  return cached(key, async () => (await apiGet('/regions', parent ? { parent } : undefined)).data.items || [])
}

/** GB/T 4754 industry sections: [{code, name_zh, name_en}]. */
export function loadIndustries() {
  return cached('industries', async () => (await apiGet('/industries')).data.items || [])
}

export function industryName(item, locale) {
  if (!item) return ''
  const name = locale === 'en' ? item.name_en || item.name_zh : item.name_zh || item.name_en
  return `${item.code} ${name}`
}
