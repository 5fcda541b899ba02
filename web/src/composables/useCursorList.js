// A list read page by page with the API's cursor ({items, next_cursor}); "load more" appends.
// A newer reload makes the answers of older requests be ignored.
import { ref, shallowRef } from 'vue'
import { apiGet, showError } from '../api.js'

/**
 * path: API path; query(): the current filters (empty values are dropped); limit: page size.
 * onError(err) may handle an error (return true) before the default message is shown.
 */
export function useCursorList(path, query, { limit = 50, onError } = {}) {
  const items = shallowRef([])
  const nextCursor = ref(null)
  const loading = ref(false)
  const loaded = ref(false)
  let generation = 0

  async function fetchPage(cursor) {
    const mine = ++generation
    loading.value = true
    try {
      const { data } = await apiGet(path, { ...query(), limit, cursor: cursor || undefined })
      if (mine !== generation) return false
      items.value = cursor ? [...items.value, ...(data.items || [])] : data.items || []
      nextCursor.value = data.next_cursor || null
      loaded.value = true
      return true
    } catch (err) {
      if (mine !== generation) return false
      if (!(onError && onError(err))) showError(err)
      return false
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  const reload = () => fetchPage(null)
  const loadMore = () => (nextCursor.value ? fetchPage(nextCursor.value) : Promise.resolve(false))

  /** Replaces one loaded item (matched by id) after it was edited. */
  function replaceItem(item) {
    items.value = items.value.map((old) => (String(old.id) === String(item.id) ? item : old))
  }

  return { items, nextCursor, loading, loaded, reload, loadMore, replaceItem }
}
