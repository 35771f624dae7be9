// What a Dropzone user ships (the JS; its CSS is not counted).
export { default } from 'dropzone';
