// Defines <bkpaas-upload> before the first render, so React 19 sees its properties (getAuth, options) and sets
// them as properties rather than attributes.
import 'bkpaas-upload/element';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './style.css';

createRoot(document.getElementById('app')!).render(<StrictMode><App /></StrictMode>);
