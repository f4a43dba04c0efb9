import './instrument';
import { runService } from '@hb/platform';
import { GATEWAY_SERVICE } from './gateway.service';

void runService(GATEWAY_SERVICE);
