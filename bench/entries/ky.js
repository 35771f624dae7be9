// ky: the smallest "nicer fetch" users reach for; a floor, not an uploader (no upload progress, no archive checks).
export { default } from 'ky';
