/** Lambdalite's page: the console UI on the control-plane worker's client. */
import { mount } from 'svelte';
import { lambdaliteClient } from './client/lambda-client';
import App from './ui/App.svelte';

const target = document.getElementById('app');
if (!target) throw new TypeError('Lambdalite: #app element missing from index.html');

export default mount(App, { target, props: { client: lambdaliteClient() } });
