// Defines <bkpaas-upload> before the app renders it, so Vue sees its properties (getAuth, options) and sets them
// as properties rather than attributes.
import 'bkpaas-upload/element';
import { createApp } from 'vue';
import App from './App.vue';
import './style.css';

createApp(App).mount('#app');
