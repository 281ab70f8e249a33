import type { JSX } from 'react';
import { ImageNode } from '../../../../shared/lexical/imageNode';
import { IMAGE_NODE_TYPE } from '../../../../shared/lexical/json';
import { ImageView } from './ImageView';

export { $createImageNode, $isImageNode, type SerializedImageNode } from '../../../../shared/lexical/imageNode';
export type { ImagePayload } from '../../../../shared/lexical/json';

/**
 * The editor's image: the shared node and its JSON, shown as a figure. Only the image being edited
 * mounts its caption form (see ImageView), so an article with many photos stays light.
 */
export class EditorImageNode extends ImageNode {
  override $config() {
    return this.config(IMAGE_NODE_TYPE, { extends: ImageNode });
  }

  override decorate(): JSX.Element {
    return <ImageView nodeKey={this.getKey()} payload={this.getPayload()} />;
  }
}
