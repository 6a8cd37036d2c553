import type { ReactNode } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { Button, Empty, Skeleton } from '@nutui/nutui-react-taro';
import './index.scss';

/**
 * The three states every data page has besides its content: loading (skeleton), empty (what
 * will be here and what to do) and error (the envelope's message plus a retry). Class names
 * `page-state-*` are stable selectors for tests.
 */
export type PageStateProps =
  | { status: 'loading'; rows?: number }
  | { status: 'empty'; title: string; description?: string; icon?: string; action?: ReactNode }
  | { status: 'error'; message: string; onRetry: () => void; retryText?: string };

export function PageState(props: PageStateProps) {
  if (props.status === 'loading') {
    return (
      <View className="page-state page-state-loading">
        <View className="page-state-skeleton-card">
          <Skeleton rows={1} animated shape="circle" width="48px" height="48px" />
          <Skeleton rows={props.rows ?? 3} animated />
        </View>
      </View>
    );
  }
  if (props.status === 'empty') {
    return (
      <View className="page-state page-state-empty">
        <Empty
          imageSize="auto"
          image={<View className="page-state-illustration">{props.icon ? <Image className="page-state-icon" src={props.icon} mode="aspectFit" /> : null}</View>}
          title={<Text className="page-state-title">{props.title}</Text>}
          description={props.description ? <Text className="page-state-description">{props.description}</Text> : ''}
        >
          {props.action ? <View className="page-state-action">{props.action}</View> : null}
        </Empty>
      </View>
    );
  }
  return (
    <View className="page-state page-state-error">
      <Empty
        imageSize="auto"
        image={
          <View className="page-state-illustration page-state-illustration-error">
            <Text className="page-state-glyph">!</Text>
          </View>
        }
        title={<Text className="page-state-title">加载失败</Text>}
        description={<Text className="page-state-message">{props.message}</Text>}
      >
        <View className="page-state-action">
          <Button className="page-state-retry" type="primary" size="small" onClick={props.onRetry}>
            {props.retryText ?? '重试'}
          </Button>
        </View>
      </Empty>
    </View>
  );
}

export default PageState;
