import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageState } from '../../../components/PageState';
import { askConsent } from '../../../services/notifications';
import { AnswerCard } from './AnswerCard';
import { useAsk } from './useAsk';
import '../insights.scss';
import './ask.scss';

const EXAMPLES = ['华东上个月销量趋势怎么样？', '有哪些未处理的异常预警？', '哪些经销商有流失风险？'];

/**
 * 问渠道 (channel managers for their regions, brand admins for all): a question in words answered by
 * CloudBase AI from our own queries — every figure comes from a tool, and the answer lists its
 * sources — or, when the model fails, a plain template brief; and the manager's weekly brief.
 */
export default function AskPage() {
  const { question, setQuestion, answer, asking, ask, brief } = useAsk();
  const { state, reload } = brief;
  if (state.status === 'error' && state.error.code === 'FORBIDDEN') {
    return <PageState status="empty" title="问渠道仅对渠道经理和品牌管理员开放" description="如需查看渠道数据，请联系品牌方。" />;
  }
  return (
    <View className="page page-insights-ask">
      <View className="insights-card ask-box">
        <Text className="insights-title">问渠道</Text>
        <Textarea
          className="insights-note ask-input"
          value={question}
          maxlength={200}
          placeholder="例如：华东上个月销量趋势怎么样？"
          aria-label="你的问题"
          onInput={(e) => setQuestion(e.detail.value)}
        />
        <View className="ask-examples">
          {EXAMPLES.map((q) => (
            <Text key={q} className="ask-example" onClick={() => void ask(q)}>
              {q}
            </Text>
          ))}
        </View>
        <Button className="insights-button ask-submit" type="primary" loading={asking} disabled={asking} onClick={() => void ask()}>
          {asking ? '正在查询…' : '提问'}
        </Button>
        <Text className="insights-muted">回答中的数字都来自系统的查询结果；模型不可用时给出按模板整理的简报。</Text>
      </View>
      {asking ? <PageState status="loading" rows={3} /> : null}
      {answer ? <AnswerCard title="回答" answer={answer} className="ask-answer" /> : null}
      {state.status === 'loading' ? <PageState status="loading" rows={3} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' && state.data.brief ? (
        <AnswerCard title={`本周简报（${state.data.brief.week} 起）`} answer={state.data.brief} className="ask-brief" />
      ) : null}
      {state.status === 'ok' && !state.data.brief ? (
        <PageState status="empty" title="还没有周报" description="每周一 08:00 为渠道经理生成所负责区域的简报。" />
      ) : null}
      <Button className="insights-button ask-follow" onClick={() => void askConsent('follow_insights')}>
        订阅周报与预警提醒
      </Button>
    </View>
  );
}
