/** Quick fixes for go findings. Register each with registerFixer('<name>', fixer). */
import { registerFixer } from '../fixes';

export function registerGoFixers(): void {
  void registerFixer;
}
