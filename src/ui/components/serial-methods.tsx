// Where a generation's serial number is: each way to find it, step by step (the guide page and the serial step).
import { generationEntry } from '../../domain/catalogue';
import { Badged } from './fact-list';
import { useDomainT } from '../hooks/use-t';

export function SerialMethods({ generation }: { generation: Parameters<typeof generationEntry>[0] }) {
  const dt = useDomainT();
  return (
    <>
      {generationEntry(generation).serial.map((method) => (
        <section key={method.id} class="card">
          <h3>
            <Badged text={dt(method.titleKey, { ns: 'guide' })} confidence={method.confidence} />
          </h3>
          <ol>
            {method.stepKeys.map((key) => (
              <li key={key}>{dt(key, { ns: 'guide' })}</li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}
