// <bkpaas-upload> in templates: vue-tsc checks its attributes, properties and events (types only, no code).
import type {} from 'bkpaas-upload/element/vue';
