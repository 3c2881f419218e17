/** Quick fixes for ecma findings. Register each with registerFixer('<name>', fixer). */
import { registerFixer } from '../fixes';

export function registerEcmaFixers(): void {
  void registerFixer;
}
