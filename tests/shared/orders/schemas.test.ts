import {
  approveOrderInputSchema,
  cancelOrderInputSchema,
  confirmReceiptInputSchema,
  ORDER_INPUT_EXAMPLES,
  rejectOrderInputSchema,
  shipOrderInputSchema,
  submitOrderInputSchema,
} from '../../../shared/orders';

const submit = ORDER_INPUT_EXAMPLES.submit;
const ok = (input: unknown) => submitOrderInputSchema.safeParse(input).success;

describe('submit order input', () => {
  test('accepts the documented example and fills defaults', () => {
    const { remark: _remark, rebateToUse: _rebate, ...bare } = submit;
    expect(submitOrderInputSchema.parse(bare)).toMatchObject({ remark: '', rebateToUse: 0 });
  });

  test('clientOrderId is a UUID or 16–64 URL-safe characters', () => {
    for (const id of ['3f1c9a1e-8d4b-4c1a-9b7e-2a5d6c7e8f90', 'a'.repeat(16), 'A_b-9'.repeat(12) + 'abcd'])
      expect(ok({ ...submit, clientOrderId: id })).toBe(true);
    for (const id of ['a'.repeat(15), 'a'.repeat(65), 'abc def ghi jkl mno', 'abcdefghijklmnop/', '订单订单订单订单订单订单订单订单'])
      expect(ok({ ...submit, clientOrderId: id })).toBe(false);
  });

  test('lines: 1–200, positive integer quantities, no SKU twice in the same unit, no price', () => {
    const line = { sku: 'A', qty: 1 };
    expect(ok({ ...submit, lines: [] })).toBe(false);
    expect(ok({ ...submit, lines: Array.from({ length: 200 }, (_, i) => ({ sku: `S${i}`, qty: 1 })) })).toBe(true);
    expect(ok({ ...submit, lines: Array.from({ length: 201 }, (_, i) => ({ sku: `S${i}`, qty: 1 })) })).toBe(false);
    for (const qty of [0, -1, 1.5, '1']) expect(ok({ ...submit, lines: [{ ...line, qty }] })).toBe(false);
    expect(ok({ ...submit, lines: [line, line] })).toBe(false);
    expect(
      ok({
        ...submit,
        lines: [
          { ...line, unit: '箱' },
          { ...line, unit: '箱' },
        ],
      }),
    ).toBe(false);
    expect(ok({ ...submit, lines: [line, { ...line, unit: '箱' }] })).toBe(true);
    expect(ok({ ...submit, lines: [{ ...line, unitPrice: 1 }] })).toBe(false);
    const dup = submitOrderInputSchema.safeParse({ ...submit, lines: [line, { sku: 'B', qty: 1 }, line] });
    expect(dup.success ? [] : dup.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['lines.2', '第 3 行与第 1 行是同一商品同一单位，请合并为一行'],
    ]);
  });

  test('address needs every part and a mainland mobile number', () => {
    for (const mobile of ['13800138000', '19912345678']) expect(ok({ ...submit, address: { ...submit.address, mobile } })).toBe(true);
    for (const mobile of ['12800138000', '1380013800', '138001380000', '+8613800138000', ''])
      expect(ok({ ...submit, address: { ...submit.address, mobile } })).toBe(false);
    expect(ok({ ...submit, address: { ...submit.address, district: ' ' } })).toBe(false);
    expect(ok({ ...submit, address: { ...submit.address, zip: '310000' } })).toBe(false);
  });

  test('remark is at most 200 characters; rebateToUse is integer fen ≥ 0; unknown fields are refused', () => {
    expect(ok({ ...submit, remark: '字'.repeat(200) })).toBe(true);
    expect(ok({ ...submit, remark: '字'.repeat(201) })).toBe(false);
    for (const rebateToUse of [-1, 0.5]) expect(ok({ ...submit, rebateToUse })).toBe(false);
    expect(ok({ ...submit, payable: 1 })).toBe(false);
  });
});

describe('other order inputs', () => {
  test('every example parses', () => {
    expect(approveOrderInputSchema.parse(ORDER_INPUT_EXAMPLES.approve)).toEqual({ orderId: 'order-001' });
    expect(rejectOrderInputSchema.safeParse(ORDER_INPUT_EXAMPLES.reject).success).toBe(true);
    expect(shipOrderInputSchema.safeParse(ORDER_INPUT_EXAMPLES.ship).success).toBe(true);
    expect(cancelOrderInputSchema.safeParse(ORDER_INPUT_EXAMPLES.cancel).success).toBe(true);
    expect(confirmReceiptInputSchema.safeParse(ORDER_INPUT_EXAMPLES.confirmReceipt).success).toBe(true);
  });

  test('reject needs a reason of 2–200 characters after trimming', () => {
    const r = (reason: unknown) => rejectOrderInputSchema.safeParse({ orderId: 'o', reason }).success;
    expect([r(undefined), r(''), r(' 不 '), r('不行'), r('驳'.repeat(200)), r('驳'.repeat(201))]).toEqual([false, false, false, true, true, false]);
    expect(rejectOrderInputSchema.parse({ orderId: 'o', reason: '  不行  ' }).reason).toBe('不行');
  });

  test('cancel needs a reason; approve takes an optional one', () => {
    expect(cancelOrderInputSchema.safeParse({ orderId: 'o' }).success).toBe(false);
    expect(approveOrderInputSchema.safeParse({ orderId: 'o', reason: '同意' }).success).toBe(true);
    expect(approveOrderInputSchema.safeParse({ orderId: '' }).success).toBe(false);
  });

  test('ship needs carrier, a tracking number and 1–200 distinct lines; warehouse is optional', () => {
    const base = ORDER_INPUT_EXAMPLES.ship;
    const s = (over: object) => shipOrderInputSchema.safeParse({ ...base, ...over }).success;
    expect(s({ warehouseId: 'wh-east' })).toBe(true);
    expect(s({ carrier: '' })).toBe(false);
    expect(s({ trackingNo: 'SF 1' })).toBe(false);
    expect(s({ trackingNo: 'SF1' })).toBe(false);
    expect(s({ lines: [] })).toBe(false);
    expect(
      s({
        lines: [
          { sku: 'A', qty: 1 },
          { sku: 'A', qty: 2 },
        ],
      }),
    ).toBe(false);
    expect(s({ lines: [{ sku: 'A', qty: 0 }] })).toBe(false);
  });

  test('confirmReceipt takes only the order id', () => {
    expect(confirmReceiptInputSchema.safeParse({ orderId: 'o', auto: true }).success).toBe(false);
  });
});
