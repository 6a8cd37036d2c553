import { Text, View } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import type { ApplicationView } from '@shared/contracts/dealers';

const TAG: Record<ApplicationView['status'], 'primary' | 'warning' | 'success' | 'danger'> = {
  submitted: 'primary',
  needs_info: 'warning',
  approved: 'success',
  rejected: 'danger',
};

/** Where the applicant's application stands, what was asked of them, and what they can do next. */
export function StatusCard({ application: a, onEdit }: { application: ApplicationView; onEdit: () => void }) {
  return (
    <View className="card apply-status">
      <View className="apply-status-head">
        <Text className="apply-status-company">{a.company}</Text>
        <Tag className={`apply-status-tag apply-status-${a.status}`} type={TAG[a.status]}>
          {a.statusLabel}
        </Tag>
      </View>
      <Text className="muted">
        统一社会信用代码 {a.creditCode} · {a.regionName} · 第 {a.rounds} 次提交
      </Text>
      {a.status === 'submitted' ? <Text className="apply-status-note">已提交，{a.regionName}渠道经理审核后会通知你。</Text> : null}
      {a.status === 'needs_info' ? <Text className="apply-status-note apply-status-requested">需要补充：{a.requested}</Text> : null}
      {a.status === 'rejected' ? <Text className="apply-status-note apply-status-reason">未通过：{a.decision?.reason}</Text> : null}
      {a.status === 'approved' ? <Text className="apply-status-note">已通过！请向渠道经理索取邀请码，打开“我的 › 我有邀请码”完成绑定。</Text> : null}
      {a.status === 'needs_info' || a.status === 'rejected' ? (
        <Button className="apply-edit" type="primary" block onClick={onEdit}>
          {a.status === 'needs_info' ? '修改并重新提交' : '重新申请'}
        </Button>
      ) : null}
    </View>
  );
}
