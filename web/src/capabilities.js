// The ten capabilities of the platform (DESIGN.md section 2) and where each lives in the UI.
// `ready` marks those that exist; the others open the "planned" page.
import {
  OfficeBuilding, Document, DataAnalysis, Connection, Sell, Bell, Stamp, Reading, Avatar, Share,
} from '@element-plus/icons-vue'

export const CAPABILITIES = [
  { key: 'c1', path: '/members', icon: OfficeBuilding, ready: true },
  { key: 'c2', path: '/patents', icon: Document, ready: true },
  { key: 'c3', path: '/search', icon: DataAnalysis, ready: true },
  { key: 'c4', path: '/matchmaking', icon: Connection, ready: false },
  { key: 'c5', path: '/trading', icon: Sell, ready: false },
  { key: 'c6', path: '/warnings', icon: Bell, ready: false },
  { key: 'c7', path: '/enforcement', icon: Stamp, ready: true },
  { key: 'c8', path: '/training', icon: Reading, ready: false },
  { key: 'c9', path: '/experts', icon: Avatar, ready: false },
  { key: 'c10', path: '/sharing', icon: Share, ready: false },
]
