import { ConsentScreen } from '@/features/consent/components/consent-screen';
import '@/features/consent/consent.css';

export default function ConsentRoute() {
  return <ConsentScreen />;
}
