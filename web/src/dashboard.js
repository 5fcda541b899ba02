// The statistics dashboard's plain helpers: ECharts set-up (only the charts and components the
// dashboard uses), chart options built from the /statistics API answers, and CSV/PNG export.
import * as echarts from 'echarts/core'
import { BarChart, GraphChart, LineChart, SankeyChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent, TitleComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, GraphChart, LineChart, SankeyChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, CanvasRenderer])

export { echarts }

export const JJJ = ['110000', '120000', '130000']
export const NATION = '100000'
export const NUMERATORS = ['applications', 'grants', 'valid', 'valid_inventions']
export const COLORS = { '110000': '#c23531', '120000': '#2f4554', '130000': '#61a0a8', '100000': '#d48265' }

/** Region display name in the UI language ("北京市" / "Beijing"). */
export function regionLabel(code, name, locale) {
  if (locale !== 'en') return name || code
  const en = { '110000': 'Beijing', '120000': 'Tianjin', '130000': 'Hebei', '100000': 'Nation', '': 'Unknown' }
  return en[code] ?? (name || code)
}

/** The overview items of one region, by year. */
export function regionYears(overview, code) {
  return (overview?.items || []).filter((i) => i.region_code === code)
}

/** The years of the overview, ascending. */
export function overviewYears(overview) {
  return [...new Set((overview?.items || []).map((i) => i.year))].sort((a, b) => a - b)
}

const round = (v, digits = 2) => (v === null || v === undefined ? null : Number(v.toFixed(digits)))

/**
 * A per-year line chart of each region: `pick(item)` gives the value (null for a gap).
 * Returns {option, csv: {header, rows}} so the same data is drawn and exported.
 */
export function yearLines(overview, regions, pick, label, { bar = false, digits = 2, dashed = null, nationAxis = false } = {}) {
  const years = overviewYears(overview)
  const series = []
  const header = ['year']
  const columns = []
  for (const code of regions) {
    const items = regionYears(overview, code)
    const values = years.map((y) => {
      const it = items.find((i) => i.year === y)
      return it ? round(pick(it), digits) : null
    })
    const name = label(code, items[0]?.region_name)
    header.push(name)
    columns.push(values)
    const right = nationAxis && code === NATION
    series.push({ name, type: bar ? 'bar' : 'line', data: values, color: COLORS[code], smooth: false,
      connectNulls: false, yAxisIndex: right ? 1 : 0, lineStyle: dashed || right ? { type: dashed || 'dashed' } : undefined })
  }
  const rows = years.map((y, i) => [y, ...columns.map((c) => c[i])])
  return {
    option: {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 50, right: nationAxis ? 50 : 20, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: nationAxis
        ? [{ type: 'value' }, { type: 'value', name: label(NATION), splitLine: { show: false } }]
        : { type: 'value' },
      series,
    },
    csv: { header, rows },
  }
}

/** Bars of categories (names) with values, horizontal when `horizontal`. */
export function barChart(names, values, { horizontal = false, color = '#5470c6', header = ['name', 'count'] } = {}) {
  const cat = { type: 'category', data: names, inverse: horizontal, axisLabel: { width: 150, overflow: 'truncate' } }
  const val = { type: 'value' }
  return {
    option: {
      tooltip: { trigger: 'axis' },
      grid: { left: horizontal ? 170 : 50, right: 30, top: 20, bottom: horizontal ? 20 : 60, containLabel: false },
      xAxis: horizontal ? val : { ...cat, axisLabel: { interval: 0, rotate: 30 } },
      yAxis: horizontal ? cat : val,
      series: [{ type: 'bar', data: values, color, label: { show: true, position: horizontal ? 'right' : 'top' } }],
    },
    csv: { header, rows: names.map((n, i) => [n, values[i]]) },
  }
}

/** A sankey of flows: sources on the left ("… ▸"), targets on the right. */
export function flowSankey(items, label) {
  const nodes = new Map()
  const links = []
  for (const it of items) {
    const s = `${label(it.from_region, it.from_name)} ▸`
    const tgt = `▸ ${label(it.to_region, it.to_name)}`
    nodes.set(s, { name: s })
    nodes.set(tgt, { name: tgt })
    const same = links.find((l) => l.source === s && l.target === tgt)
    if (same) same.value += it.count
    else links.push({ source: s, target: tgt, value: it.count })
  }
  return {
    option: {
      tooltip: { trigger: 'item' },
      series: [{ type: 'sankey', data: [...nodes.values()], links, emphasis: { focus: 'adjacency' },
        nodeGap: 12, left: 10, right: 130, top: 10, bottom: 10, lineStyle: { color: 'gradient', curveness: 0.5 } }],
    },
    csv: {
      header: ['kind', 'from_region', 'from_name', 'to_region', 'to_name', 'count'],
      rows: items.map((i) => [i.kind, i.from_region, i.from_name, i.to_region, i.to_name, i.count]),
    },
  }
}

function csvField(v) {
  const s = v === null || v === undefined ? '' : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** CSV text with a UTF-8 BOM (spreadsheets then read Chinese correctly). */
export function toCsv({ header, rows }) {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

function save(href, name) {
  const link = document.createElement('a')
  link.href = href
  link.download = name
  document.body.appendChild(link)
  link.click()
  document.body.removeChild(link)
}

export function downloadCsv(csv, name) {
  const url = URL.createObjectURL(new Blob([toCsv(csv)], { type: 'text/csv;charset=utf-8' }))
  save(url, `${name}.csv`)
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}

export function downloadPng(chart, name) {
  save(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), `${name}.png`)
}

// Approximate centres (longitude, latitude) of the Jing-Jin-Ji flow nodes by GB/T 2260 code: a
// schematic region chart without map files. 130000 = Hebei, city unknown; OTHER = other provinces.
export const OTHER = 'other'
const PLACES = {
  '110000': [116.4, 39.9], '120000': [117.2, 39.13], '130100': [114.51, 38.04], '130200': [118.18, 39.63],
  '130300': [119.6, 39.94], '130400': [114.49, 36.61], '130500': [114.5, 37.07], '130600': [115.46, 38.87],
  '130700': [114.89, 40.82], '130800': [117.96, 40.95], '130900': [116.84, 38.3], '131000': [116.68, 39.54],
  '131100': [115.67, 37.74], '130000': [113.6, 39.6], [OTHER]: [119.4, 37.2],
}

/**
 * A schematic Jing-Jin-Ji region chart of flows: one node per region at its place, an arrow per
 * region pair (curved, so both directions show), width by count. Flows within one region are
 * counted in the node's label. `label(code, name)` names a node; other provinces are one node.
 */
export function flowRegionChart(items, label, otherName) {
  const key = (code) => (PLACES[code] ? code : OTHER)
  const within = {}
  const pairs = new Map()
  for (const it of items) {
    if (!it.from_region || !it.to_region) continue
    const a = key(it.from_region)
    const b = key(it.to_region)
    if (a === b) within[a] = (within[a] || 0) + it.count
    else pairs.set(`${a}>${b}`, (pairs.get(`${a}>${b}`) || 0) + it.count)
  }
  const used = new Set(Object.keys(within))
  for (const k of pairs.keys()) k.split('>').forEach((c) => used.add(c))
  const name = (code) => (code === OTHER ? otherName : label(code, items.find((i) => i.from_region === code)?.from_name
    || items.find((i) => i.to_region === code)?.to_name))
  const max = Math.max(1, ...pairs.values())
  const data = [...used].map((code) => ({
    name: name(code), x: PLACES[code][0] * 100, y: -PLACES[code][1] * 100, symbolSize: code.endsWith('0000') ? 26 : 14,
    itemStyle: { color: COLORS[code] || (code === OTHER ? '#aaa' : '#61a0a8') },
    label: { show: true, formatter: within[code] ? `{b} (${within[code]})` : '{b}' },
  }))
  const links = [...pairs.entries()].map(([k, n]) => {
    const [a, b] = k.split('>')
    return { source: name(a), target: name(b), value: n, lineStyle: { width: 1 + (8 * n) / max, curveness: 0.2 },
      label: { show: true, formatter: String(n), fontSize: 10 } }
  })
  return {
    option: {
      tooltip: { formatter: (p) => (p.dataType === 'edge' ? `${p.data.source} → ${p.data.target}: ${p.data.value}` : p.name) },
      series: [{ type: 'graph', layout: 'none', data, links, roam: true, left: 30, right: 110, top: 30, bottom: 30, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 8,
        lineStyle: { color: 'source', opacity: 0.7 }, label: { position: 'right', fontSize: 11 } }],
    },
    csv: {
      header: ['from', 'to', 'count'],
      rows: [...Object.entries(within).map(([c, n]) => [name(c), name(c), n]),
        ...[...pairs.entries()].map(([k, n]) => { const [a, b] = k.split('>'); return [name(a), name(b), n] })],
    },
  }
}
