// What an Uppy user ships for a plain multipart upload: the core plus the XHR uploader (no UI plugins).
import Uppy from '@uppy/core';
import XHRUpload from '@uppy/xhr-upload';
export { Uppy, XHRUpload };
