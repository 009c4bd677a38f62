// What every step of the case screen receives: the case, and a way to send the machine an event.
import type { RadioCase } from '../../../domain/case';
import type { DiagnosisEvent } from '../../../domain/diagnosis-machine';

export interface StepProps {
  radioCase: RadioCase;
  send: (event: DiagnosisEvent) => Promise<void>;
}
