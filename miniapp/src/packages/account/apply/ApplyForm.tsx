import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { creditCodeProblem } from '@shared/admission/credit-code';
import type { Draft } from './draft';
import { DivisionSheet } from './DivisionSheet';
import { pickAndUploadLicence } from './licence';
import type { FieldErrors } from './useApplication';

type TextKey = 'company' | 'creditCode' | 'legalRep' | 'contactName' | 'mobile' | 'stores' | 'salesWan';
const FIELDS: Array<{ key: TextKey; label: string; placeholder: string; max: number; type?: 'number' | 'digit' }> = [
  { key: 'company', label: '企业名称', placeholder: '与营业执照一致', max: 60 },
  { key: 'creditCode', label: '统一社会信用代码', placeholder: '18 位，见营业执照', max: 18 },
  { key: 'legalRep', label: '法定代表人', placeholder: '姓名', max: 20 },
  { key: 'contactName', label: '联系人', placeholder: '姓名', max: 20 },
  { key: 'mobile', label: '联系电话', placeholder: '11 位手机号', max: 11, type: 'number' },
  { key: 'stores', label: '门店数量', placeholder: '家', max: 6, type: 'number' },
  { key: 'salesWan', label: '年销售额（万元）', placeholder: '上一年度', max: 10, type: 'digit' },
];

export interface Options {
  categories: Array<{ id: string; name: string }>;
  levels: Array<{ code: string; name: string }>;
}

/** The 申请加盟 form: each field with its error under it; the credit code is checked as it is typed. */
export function ApplyForm(p: {
  draft: Draft;
  errors: FieldErrors;
  options: Options;
  sending: boolean;
  onChange: (patch: Partial<Draft>) => void;
  onSubmit: () => void;
}) {
  const [sheet, setSheet] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const d = p.draft;
  const codeHint = d.creditCode.length >= 18 ? creditCodeProblem(d.creditCode) : null;
  const error = (key: keyof FieldErrors, extra?: string | null) => {
    const text = extra ?? p.errors[key];
    return text ? <Text className={`apply-error apply-error-${key}`}>{text}</Text> : null;
  };
  const upload = async () => {
    try {
      const up = await pickAndUploadLicence();
      setPreview(up.preview);
      p.onChange({ licenceFileId: up.fileId });
    } catch (e) {
      if (!String((e as { errMsg?: string }).errMsg ?? e).includes('cancel')) void Taro.showToast({ title: '照片上传失败，请重试', icon: 'none' });
    }
  };
  const toggle = (id: string) => p.onChange({ categoryIds: d.categoryIds.includes(id) ? d.categoryIds.filter((c) => c !== id) : [...d.categoryIds, id] });
  return (
    <View className="card apply-form">
      {FIELDS.map((f) => (
        <View key={f.key} className={`apply-field apply-field-${f.key}`}>
          <Text className="apply-label">{f.label}</Text>
          <Input
            className={`apply-input apply-input-${f.key}`}
            type={f.type ?? 'text'}
            maxlength={f.max}
            value={d[f.key]}
            placeholder={f.placeholder}
            onInput={(e) => p.onChange({ [f.key]: e.detail.value })}
          />
          {f.key === 'creditCode' ? error('creditCode', codeHint) : error(f.key === 'salesWan' ? 'annualSalesFen' : f.key)}
        </View>
      ))}
      <View className="apply-field apply-field-division" onClick={() => setSheet(true)}>
        <Text className="apply-label">所在地区</Text>
        <Text className={`apply-division ${d.district ? '' : 'muted'}`}>
          {d.district ? `${d.province?.name} ${d.city?.name} ${d.district.name}` : '选择省 / 市 / 区县 ›'}
        </Text>
        {error('district') ?? error('province')}
      </View>
      <DivisionSheet visible={sheet} onClose={() => setSheet(false)} onPick={(picked) => (setSheet(false), p.onChange(picked))} />
      <Text className="apply-label">意向经营品类</Text>
      <View className="apply-chips">
        {p.options.categories.map((c) => (
          <Text key={c.id} className={`apply-chip apply-category ${d.categoryIds.includes(c.id) ? 'apply-chip-on' : ''}`} onClick={() => toggle(c.id)}>
            {c.name}
          </Text>
        ))}
      </View>
      <Text className="apply-label">申请级别</Text>
      <View className="apply-chips">
        {p.options.levels.map((l) => (
          <Text
            key={l.code}
            className={`apply-chip apply-level-${l.code} ${d.desiredLevel === l.code ? 'apply-chip-on' : ''}`}
            onClick={() => p.onChange({ desiredLevel: l.code })}
          >
            {l.name}
          </Text>
        ))}
      </View>
      <View className="apply-field apply-field-licence">
        <Text className="apply-label">营业执照照片</Text>
        {preview ? <Image className="apply-licence-preview" src={preview} mode="aspectFit" /> : null}
        <Button className="apply-licence" size="small" onClick={() => void upload()}>
          {d.licenceFileId ? '已上传，点击更换' : '拍照或从相册上传'}
        </Button>
      </View>
      {error('form')}
      <Button className="apply-submit" type="primary" block loading={p.sending} disabled={p.sending} onClick={p.onSubmit}>
        提交申请
      </Button>
    </View>
  );
}
