// What a tus-js-client user ships: the Upload class (and what it pulls in).
export { Upload } from 'tus-js-client';
