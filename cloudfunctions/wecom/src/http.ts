/** WeCom's callback arrives over CloudBase HTTP access: the shapes and helpers are the kit's. */
export type { HttpEvent, HttpResponse } from '../../_kit/http';
export { bodyText, isHttpEvent, query, text } from '../../_kit/http';
