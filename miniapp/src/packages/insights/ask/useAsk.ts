import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { AssistantAnswer } from '@shared/insights/ai/answer';
import { useCall } from '../../../services/useCall';
import { insightsCall } from '../api';

/**
 * 问渠道's state: the question typed, the answer of the last one asked (insights.ask: the model's
 * words from our own queries, or the template brief, with sources), whether one is under way, and
 * the caller's weekly brief (insights.brief).
 */
export function useAsk() {
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState<AssistantAnswer | null>(null);
  const [asking, setAsking] = useState(false);
  const brief = useCall(() => insightsCall('brief', {}));
  const ask = async (text = question) => {
    const q = text.trim();
    if (q.length < 2) {
      void Taro.showToast({ title: '请把问题写完整', icon: 'none' });
      return;
    }
    setQuestion(q);
    setAsking(true);
    setAnswer(null);
    const res = await insightsCall('ask', { question: q });
    setAsking(false);
    if (res.ok) setAnswer(res.data);
    else void Taro.showToast({ title: res.error.message, icon: 'none' });
  };
  return { question, setQuestion, answer, asking, ask, brief };
}
