/** Node flags that run the workbook's TypeScript, as package.json's scripts do: for commands started as processes. */
export const typescriptNodeArgs = ['--import', new URL('./register.mjs', import.meta.url).href];
