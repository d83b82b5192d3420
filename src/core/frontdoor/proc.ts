// What the doors read of other processes through /proc, from core's one reader of it.
export { procStatFields } from '../state/procStat';
