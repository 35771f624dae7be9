// <bkpaas-upload> in JSX: tsc checks its attributes, properties and events (types only, no code).
import type {} from 'bkpaas-upload/element/react';
