import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import './index.scss';

/**
 * A product's picture in a box of fixed size (the caller's class sets it), so nothing moves when
 * it arrives: the placeholder shows while it loads, when there is none and when it fails. Loaded
 * lazily: WeChat's image starts loading when it comes within a few screens
 * (https://developers.weixin.qq.com/miniprogram/dev/component/image.html, lazy-load), Taro's H5
 * image within 300 px. The picture only illustrates the name printed beside it, so screen
 * readers skip it.
 */
export function ProductImage({
  src,
  name,
  className,
  mode = 'aspectFill',
}: {
  src: string | null;
  name: string;
  className: string;
  mode?: 'aspectFill' | 'aspectFit';
}) {
  // Keyed by src: a new picture starts over from the placeholder.
  const [state, setState] = useState<{ src: string | null; status: 'loading' | 'loaded' | 'failed' }>({ src, status: 'loading' });
  const status = state.src === src ? state.status : 'loading';
  const shown = src !== null && status === 'loaded';
  return (
    <View className={`product-image-box ${className}`} aria-hidden="true">
      {shown ? null : <Text className="product-image-placeholder-text">{name.slice(0, 2)}</Text>}
      {src && status !== 'failed' ? (
        <Image
          className={`product-image-picture${shown ? ' product-image-picture-shown' : ''}`}
          src={src}
          mode={mode}
          lazyLoad
          onLoad={() => setState({ src, status: 'loaded' })}
          onError={() => setState({ src, status: 'failed' })}
        />
      ) : null}
    </View>
  );
}

export default ProductImage;
