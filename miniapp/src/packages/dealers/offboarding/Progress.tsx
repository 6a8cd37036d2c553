import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button, Cell, Tag } from '@nutui/nutui-react-taro';
import type { OffboardingView } from '@shared/contracts/lifecycle';
import { formatFen } from '@shared/money';
import { OFFBOARDING_STEPS, OFFBOARDING_STEP_LABELS } from '@shared/offboarding/types';
import { formatShanghai } from '@shared/time';

const STATUS = { running: ['进行中', 'primary'], blocked: ['受阻，待处理', 'warning'], done: ['已完成', 'success'] } as const;

/**
 * An offboarding's steps in order, each with its state: done (when), blocked (what it waits for
 * and why, in the function's words) or waiting for the ones before it; 重试 runs what is not done
 * again. A customers step blocked for want of a WeCom member takes one here. Done: the statement.
 */
export function Progress({ view, busy, onRetry }: { view: OffboardingView; busy: boolean; onRetry: (takeover: string) => void }) {
  const [takeover, setTakeover] = useState('');
  const [label, tag] = STATUS[view.status];
  return (
    <View className="offboarding-progress">
      <View className="card dealers-card">
        <View className="dealers-head">
          <Text>{view.dealerName}</Text>
          <Tag className={`offboarding-status offboarding-status-${view.status}`} type={tag}>
            {label}
          </Tag>
        </View>
        <Text className="muted">
          接替方：{view.successor.kind === 'brand' ? '品牌方' : '另一家经销商'} · 钱包：{view.walletPolicy === 'pay_out' ? '全部退还' : '先抵扣欠款'} · 原因：
          {view.reason}
        </Text>
      </View>
      {OFFBOARDING_STEPS.map((step, i) => {
        const s = view.steps[step];
        const state = s.status === 'done' ? '已完成' : s.status === 'blocked' ? '受阻' : view.nextStep === step ? '下一步' : '等待前面的步骤';
        return (
          <View key={step} className={`card dealers-card offboarding-step offboarding-step-${step} offboarding-step-${s.status}`}>
            <View className="dealers-head">
              <Text>
                {i + 1}. {OFFBOARDING_STEP_LABELS[step]}
              </Text>
              <Text className={`offboarding-step-state offboarding-state-${s.status}`}>{state}</Text>
            </View>
            {s.at ? (
              <Text className="muted">
                最近执行 {formatShanghai(s.at)} · 共 {s.attempts} 次
              </Text>
            ) : null}
            {s.status === 'blocked' && s.reason ? <Text className="offboarding-reason-text">等待：{s.reason}</Text> : null}
          </View>
        );
      })}
      {view.status !== 'done' ? (
        <View className="card dealers-card">
          {view.nextStep === 'customers' ? (
            <Input
              className="dealers-input offboarding-takeover"
              value={takeover}
              placeholder="接手客户的企业微信成员账号（接替方没有成员时填写）"
              onInput={(e) => setTakeover(e.detail.value)}
            />
          ) : null}
          <Button className="offboarding-retry" type="primary" block loading={busy} disabled={busy} onClick={() => onRetry(takeover)}>
            重试未完成的步骤
          </Button>
        </View>
      ) : null}
      {view.statement ? (
        <Cell.Group className="offboarding-statement" title="清退对账单">
          <Cell title="取消 / 完结订单" extra={`${view.statement.ordersCancelled} / ${view.statement.ordersCompleted} 笔`} />
          <Cell title="结清返利" extra={`${view.statement.rebatesSettled} 笔`} />
          <Cell title="钱包余额" extra={formatFen(view.statement.walletBefore)} />
          <Cell title="抵扣欠款 / 退还" extra={`${formatFen(view.statement.walletOffset)} / ${formatFen(view.statement.walletPaidOut)}`} />
          <Cell title="清退时应收" extra={formatFen(view.statement.receivable)} />
          <Cell title="移交客户 / 转挂下级" extra={`${view.statement.customersMoved} 位 / ${view.statement.childrenMoved} 家`} />
        </Cell.Group>
      ) : null}
    </View>
  );
}
