import fs from 'node:fs';
import path from 'node:path';
import type { EnablementResourceDoc } from '../../shared/enablement';
import { DAY_MS } from '../../shared/time';
import type { WithId } from './catalog';

/** Where the seeded files are put, and what the documents point at before the storage names them. */
export const ENABLEMENT_FILES = ['enablement/2027-rebate-policy.pdf', 'enablement/display-standard.pdf', 'enablement/new-clerk-course.pdf'] as const;
const PLACEHOLDER = 'cloud://seed/';

/**
 * The enablement hub's demo resources: a must-read rebate policy for levels A and B due in a
 * week, a display standard for everyone, and a training course for clerks. Their fileIds are
 * placeholders until attachEnablementFiles stores the files (as product pictures are).
 */
export function buildEnablement(referenceDate: number): { enablement_resources: Array<WithId<EnablementResourceDoc>> } {
  const base = {
    target: { levels: [] as string[], regions: [] as string[], dealerIds: [] as string[] },
    status: 'published' as const,
    version: 1,
    updatedBy: 'seed',
  };
  const at = (days: number) => referenceDate - days * DAY_MS;
  const docs: Array<WithId<EnablementResourceDoc>> = [
    {
      _id: 'policy-2027-rebate',
      ...base,
      title: '2027 年度返利政策',
      summary: '年度阶梯返利、目标返利的计算方式与申报时间，A、B 级经销商必读',
      kind: 'policy',
      fileId: PLACEHOLDER + ENABLEMENT_FILES[0],
      fileType: 'pdf',
      target: { levels: ['A', 'B'], regions: [], dealerIds: [] },
      roles: ['dealer'],
      mustReadBy: referenceDate + 7 * DAY_MS,
      publishedAt: at(2),
      updatedAt: at(2),
    },
    {
      _id: 'display-standard',
      ...base,
      title: '门店陈列标准（2026 版）',
      summary: '货架、端架与冰柜的陈列要求和示例',
      kind: 'pdf',
      fileId: PLACEHOLDER + ENABLEMENT_FILES[1],
      fileType: 'pdf',
      roles: ['dealer', 'clerk', 'manager'],
      mustReadBy: null,
      publishedAt: at(40),
      updatedAt: at(40),
    },
    {
      _id: 'new-clerk-course',
      ...base,
      title: '新导购入职培训',
      summary: '产品知识、企业微信加好友与活动推广的基本功',
      kind: 'course',
      fileId: PLACEHOLDER + ENABLEMENT_FILES[2],
      fileType: 'pdf',
      roles: ['clerk'],
      mustReadBy: referenceDate + 14 * DAY_MS,
      publishedAt: at(5),
      updatedAt: at(5),
    },
  ];
  return { enablement_resources: docs };
}

/** A one-page PDF with a title line (plain PDF 1.4, ASCII text): enough for wx.openDocument to show. */
function tinyPdf(title: string): Buffer {
  const text = `BT /F1 18 Tf 72 720 Td (${title.replace(/[()\\]/g, '')}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Store the resources' files and point the documents at them (the storage names the fileIDs). */
export function attachEnablementFiles(
  store: { fileOf(cloudPath: string): string | null; fileIdOf(cloudPath: string): string },
  resources: Array<{ fileId: string }>,
): void {
  for (const r of resources) {
    if (!r.fileId.startsWith(PLACEHOLDER)) continue;
    const cloudPath = r.fileId.slice(PLACEHOLDER.length);
    const file = store.fileOf(cloudPath);
    if (!file) throw new Error(`seed: enablement file ${cloudPath} leaves the storage folder`);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, tinyPdf(path.basename(cloudPath, '.pdf')));
    }
    r.fileId = store.fileIdOf(cloudPath);
  }
}
