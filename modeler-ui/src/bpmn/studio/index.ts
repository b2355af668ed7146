/**
 * motcua's extension of the bpmn-js modeller: its palette of ready-made steps, the SLA timers they need, the
 * properties panel's group for the unit doing a step (liên thông), and the modeller's texts in Vietnamese.
 */
import MotcuaPalette from './motcua-palette.ts';
import SlaTimersBehavior from './sla-timers-behavior.ts';
import UnitRuleProperties from './unit-rule-properties.ts';
import TranslateVi from './translate-vi.ts';

export default {
  __init__: ['motcuaPalette', 'motcuaSlaTimers', 'motcuaUnitRuleProperties'],
  motcuaPalette: ['type', MotcuaPalette],
  motcuaSlaTimers: ['type', SlaTimersBehavior],
  motcuaUnitRuleProperties: ['type', UnitRuleProperties],
  translate: TranslateVi.translate,
};
