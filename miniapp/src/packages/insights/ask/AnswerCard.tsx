import { Text, View } from '@tarojs/components';
import type { AssistantAnswer } from '@shared/insights/ai/answer';

/**
 * An answer as the page shows it: why the template was used or the model declined (when so), the
 * text line by line, and where its figures came from (each tool with its filters).
 */
export function AnswerCard({ title, answer, className }: { title: string; answer: AssistantAnswer; className: string }) {
  return (
    <View className={`insights-card ${className}`}>
      <Text className="insights-title">{title}</Text>
      {answer.notice ? <Text className={`ask-notice ask-notice-${answer.status}`}>{answer.notice}</Text> : null}
      {answer.answer.split('\n').map((line, i) => (
        <Text key={i} className="ask-line">
          {line}
        </Text>
      ))}
      {answer.sources.length ? (
        <View className="ask-sources">
          <Text className="insights-muted">数据来源</Text>
          {answer.sources.map((s) => (
            <Text key={`${s.tool}|${s.filters.join('|')}`} className="ask-source insights-muted">
              {s.label}
              {s.filters.length ? `（${s.filters.join('；')}）` : ''}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
