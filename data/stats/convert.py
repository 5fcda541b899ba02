#!/usr/bin/env python3
"""Regenerates gdp.tsv, population.tsv and official_patents.csv from ../shared/data/cn-stats.

Run from data/stats/: python3 convert.py [path/to/cn-stats/]. Rows are copied unchanged and
grouped by series (NBS vintage); series.tsv, sources.tsv and claims.tsv are written by hand.
"""
import csv
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else '../../../shared/data/cn-stats/'
SERIES_OF = {
    'NBS_GDP_V2018_tobby': 'NBS_GDP_PRE_EC4', 'NBS_GDP_V2020_joon628': 'NBS_GDP_EC4',
    'NBS_NATGDP_V2020_vasantlong': 'NBS_GDP_EC4', 'NBS_NATGDP_V2020_litianran': 'NBS_GDP_EC4',
    'NBS_GDP_V2025_renjiyi': 'NBS_GDP_EC5', 'NBS_NATGDP_V2025_aftermaxq': 'NBS_GDP_EC5',
    'NBS_POP_V2019_raffg': 'NBS_POP_PRE_C7', 'NBS_POP_V2020_phl43': 'NBS_POP_PRE_C7',
    'NBS_POP_V2021_yinthan': 'NBS_POP_C7', 'NBS_POP_V2025_1lmq': 'NBS_POP_C7',
    'NBS_NATPOP_V2023_576656893': 'NBS_POP_C7'}
URLS = {
    'CNIPA_AR2009_c2': 'https://english.cnipa.gov.cn/jianbao/year2009/c/c2.html',
    'CNIPA_AR2013_a1': 'https://english.cnipa.gov.cn/jianbao/year2013/a/a1.html',
    'CNIPA_AR2014_c3': 'https://www.cnipa.gov.cn/tjxx/jianbao/year2014/c/c3.html',
    'CNIPA_AR2015_b4': 'https://english.cnipa.gov.cn/jianbao/year2015/b/b4.html',
    'PEOPLE_20140220_CNIPA': 'http://ip.people.com.cn/n/2014/0220/c136655-24416049.html'}


def series_file(name, column, out):
    rows = list(csv.DictReader(open(SRC + name, encoding='utf-8')))
    seen = set()
    with open(out, 'w', encoding='utf-8') as f:
        f.write('series_id\tregion_code\tyear\tvalue\tsource_id\n')
        for r in sorted(rows, key=lambda r: (SERIES_OF[r['source_id']], r['province_code'], int(r['year']))):
            key = (SERIES_OF[r['source_id']], r['province_code'], r['year'])
            assert key not in seen, key  # one figure per series, region and year
            seen.add(key)
            f.write(f"{key[0]}\t{r['province_code']}\t{r['year']}\t{r[column]}\t{r['source_id']}\n")


def official_file():
    rows = list(csv.DictReader(open(SRC + 'patents_by_province.csv', encoding='utf-8')))
    with open('official_patents.csv', 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['region', 'year', 'applications', 'grants', 'valid_patents', 'valid_inventions', 'gdp',
                    'population', 'source'])
        for r in rows:
            w.writerow([r['province_code'], r['year'], r['applications'], r['grants'], r['valid_patents'],
                        r['valid_inventions'], '', '', r['source_id'] + ' ' + URLS[r['source_id']]])


series_file('gdp_by_province.csv', 'gdp_100m_yuan', 'gdp.tsv')
series_file('population_by_province.csv', 'population_10k', 'population.tsv')
official_file()
