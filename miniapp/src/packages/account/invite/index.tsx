import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { AcceptInvitationOutput } from '@shared/contracts';
import { call } from '../../../services/cloud';
import { loadMe } from '../../../services/session';
import './index.scss';

const STAFF_LABELS = { owner: '负责人', buyer: '采购', clerk: '导购' } as const;

/**
 * 接受邀请: the page an invitation's QR opens (?code=…), or where a code is typed. Opening it binds
 * this WeChat account to the dealer (users.acceptInvitation), then the app starts as that person.
 */
export default function InvitePage() {
  const params = useRouter().params;
  const [code, setCode] = useState((params['code'] ?? '').toUpperCase());
  const [done, setDone] = useState<AcceptInvitationOutput | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const accept = async () => {
    setSending(true);
    const answer = await call('users', 'acceptInvitation', { code });
    if (!answer.ok) {
      setSending(false);
      return setProblem(answer.error.issues?.[0]?.message ?? answer.error.message);
    }
    // The app remembers who the caller is: ask again now, so the tabs open as the dealer's person.
    await loadMe();
    setSending(false);
    setDone(answer.data);
  };
  if (done) {
    return (
      <View className="page page-invite">
        <View className="card invite-done">
          <Text className="invite-title">绑定成功</Text>
          <Text className="invite-dealer">
            你已成为「{done.dealerName}」的{STAFF_LABELS[done.staffRole]}
          </Text>
          <Button
            className="invite-start"
            type="primary"
            block
            onClick={() => void Taro.switchTab({ url: done.role === 'clerk' ? '/pages/me/index' : '/pages/catalog/index' })}
          >
            {done.role === 'clerk' ? '进入我的' : '去订货'}
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className="page page-invite">
      <View className="card invite-form">
        <Text className="invite-title">输入邀请码</Text>
        <Text className="muted">邀请码由渠道经理（负责人）或经销商负责人（采购、导购）提供，8 位字母或数字，7 天内有效。</Text>
        <Input className="invite-code" value={code} maxlength={8} placeholder="例如 K7MP2QXA" onInput={(e) => setCode(e.detail.value.toUpperCase())} />
        {problem ? <Text className="invite-problem">{problem}</Text> : null}
        <Button className="invite-accept" type="primary" block loading={sending} disabled={sending || code.length !== 8} onClick={() => void accept()}>
          绑定到当前微信
        </Button>
      </View>
    </View>
  );
}
