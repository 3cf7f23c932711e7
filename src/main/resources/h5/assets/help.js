// /h5/help: the service phone comes from config.js, the one place it is written.
import { show } from './api.js';
import { SERVICE_PHONE } from './config.js';

show('service-phone-label', SERVICE_PHONE.label);
show('service-phone-number', SERVICE_PHONE.number);
document.getElementById('service-phone').href = 'tel:' + SERVICE_PHONE.number;
