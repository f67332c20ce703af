import { Placeholder } from './Placeholder';

export function BillingScreen() {
  return <Placeholder title="Billing" about="your plan, invoices and upgrades." />;
}
