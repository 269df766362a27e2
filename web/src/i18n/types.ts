/** Same shape as T with every leaf a string: makes en.ts carry exactly the keys of zh-CN.ts. */
export type DeepStringRecord<T> = {
  [K in keyof T]: T[K] extends string ? string : DeepStringRecord<T[K]>
}
