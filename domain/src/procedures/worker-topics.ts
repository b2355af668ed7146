/**
 * The external-task topics motcua's workers handle. Models may use no other topic: the studio's check refuses
 * one, and a test holds this list equal to the workers' registry (engine-workers/src/topics.ts).
 */
export const workerTopics = {
  sla: 'Tính hạn xử lý (hạn tiếp nhận, hạn từng bước)',
  reception: 'Cấp mã hồ sơ và phiếu hẹn trả kết quả',
  'sla-flag': 'Gắn cờ sắp đến hạn / quá hạn',
  signing: 'Ký số kết quả',
  'result-return': 'Trả kết quả',
  notify: 'Thông báo cho công dân',
  stop: 'Dừng xử lý hồ sơ',
  payment: 'Thu phí, lệ phí (chờ thanh toán khi thủ tục quy định)',
} as const satisfies Record<string, string>;

export type WorkerTopic = keyof typeof workerTopics;
export const isWorkerTopic = (t: string): t is WorkerTopic => Object.hasOwn(workerTopics, t);
