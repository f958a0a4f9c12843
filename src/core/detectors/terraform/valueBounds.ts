import { MAX_LIST_ITEMS, MAX_STRING_CHARS } from '../../limits';
import { isObject, Unresolved, type HclValue } from './hclValue';

/**
 * A value past the size bounds becomes `Unresolved` saying so: functions such as `concat`,
 * `format` and `join` can double a value per local, so a few lines could otherwise ask for
 * gigabytes.
 */
export function oversizedValue(value: HclValue): HclValue {
  if (typeof value === 'string' && value.length > MAX_STRING_CHARS) {
    return new Unresolved(`a string of ${value.length} characters is over the ${MAX_STRING_CHARS} bound`);
  }
  if (Array.isArray(value) && value.length > MAX_LIST_ITEMS) {
    return new Unresolved(`a list of ${value.length} elements is over the ${MAX_LIST_ITEMS} bound`);
  }
  if (isObject(value)) {
    const size = Object.keys(value).length;
    if (size > MAX_LIST_ITEMS) return new Unresolved(`a map of ${size} elements is over the ${MAX_LIST_ITEMS} bound`);
  }
  return value;
}
