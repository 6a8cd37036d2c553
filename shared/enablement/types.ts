import type { Role } from '../roles';
import type { DealerTarget } from '../targeting';

/** What the hub holds: 文档 (PDF), 图片, 视频, 政策, 培训课程. */
export const RESOURCE_KINDS = ['pdf', 'image', 'video', 'policy', 'course'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = {
  pdf: '文档',
  image: '图片',
  video: '视频',
  policy: '政策',
  course: '培训课程',
};

/** The roles a resource can be for: the dealer side (owner, clerk) and the brand's managers. */
export type ReaderRole = Extract<Role, 'dealer' | 'clerk' | 'manager'>;

/**
 * An enablement resource as stored (`enablement_resources`, _id = resource id). Permission is by
 * level and region (shared/targeting: empty lists = every dealer) and by role. `version` goes up
 * by one whenever what a reader sees changes (file, title, summary): a must-read asks for the
 * current version again.
 */
export interface EnablementResourceDoc {
  title: string;
  summary: string;
  kind: ResourceKind;
  /** Cloud storage fileID (cloud://…) of the document, image or video. */
  fileId: string;
  /** The file's extension for wx.openDocument's fileType (pdf, docx, xlsx, pptx…); null for images and videos. */
  fileType: string | null;
  target: DealerTarget;
  roles: ReaderRole[];
  /** Must be read (this version) by the deadline (epoch ms); null = optional reading. */
  mustReadBy: number | null;
  version: number;
  status: 'published' | 'withdrawn';
  publishedAt: number;
  updatedAt: number;
  updatedBy: string;
}

/** One user's reading of one version (`enablement_reads`, _id = resourceId:version:userId). */
export interface EnablementReadDoc {
  resourceId: string;
  version: number;
  userId: string;
  dealerId: string | null;
  at: number;
}
