import type { MigrationInterface, QueryRunner } from 'typeorm';

// The starting topic catalog. Values are frozen here (a migration must mean the
// same thing forever); operators edit topics through the admin API afterwards.
// Query syntax: "phrases", OR, NOT, and field boosts such as title:"reward model"^2.
const TOPICS: Array<[slug: string, name: string, description: string, query: string]> = [
  ['rlhf', 'RLHF and preference alignment', 'Aligning language models with human preferences: RLHF, DPO and their relatives.', '"RLHF" OR "human feedback" OR "preference optimization" OR "DPO" OR "preference alignment" OR "alignment"'],
  ['reward-modeling', 'Reward modeling', 'Learning reward models: outcome and process reward models, preference models, their training and evaluation.', 'title:"reward model"^3 OR "reward model" OR "reward modeling" OR "process reward" OR "PRM" OR "preference model"'],
  ['verifiable-rewards', 'Verifiable rewards (RLVR)', 'Reinforcement learning from rule-based or automatically verified rewards.', '"verifiable reward" OR "RLVR" OR "rule-based reward" OR "verifier" OR "verification"'],
  ['policy-optimization', 'Policy optimization algorithms', 'PPO, GRPO and other policy-gradient methods for language models.', '"PPO" OR "GRPO" OR "policy gradient" OR "policy optimization" OR "advantage estimation"'],
  ['reasoning-rl', 'RL for reasoning', 'Reinforcement learning that improves multi-step reasoning and chain of thought.', 'title:"reasoning"^2 OR "reasoning" OR "chain-of-thought" OR "long CoT"'],
  ['math-reasoning', 'Mathematical reasoning', 'Math word problems, competition math and theorem proving.', '"mathematical reasoning" OR "math" OR "theorem proving" OR "AIME" OR "GSM8K" OR "MATH"'],
  ['code-generation', 'Code generation', 'Models that write, repair or test code; software-engineering agents.', '"code generation" OR "code" OR "coding" OR "software engineering" OR "program synthesis" OR "unit test"'],
  ['llm-agents', 'LLM agents and tool use', 'Agents that plan, call tools, browse and act over many turns.', '"agent" OR "agentic" OR "tool use" OR "tool calling" OR "multi-turn" OR "web navigation"'],
  ['reward-hacking', 'Reward hacking and over-optimization', 'When policies exploit flawed rewards, and how to detect or prevent it.', '"reward hacking" OR "over-optimization" OR "overoptimization" OR "specification gaming" OR "reward exploitation"'],
  ['llm-as-judge', 'LLM-as-a-judge and AI feedback', 'Language models that grade, critique or give feedback (RLAIF, generative reward models).', '"LLM-as-a-judge" OR "judge" OR "critic" OR "AI feedback" OR "RLAIF" OR "generative reward"'],
  ['reward-design', 'Reward design and shaping', 'Designing, shaping and learning reward functions for RL agents.', '"reward design" OR "reward shaping" OR "reward function" OR "dense reward"'],
  ['vision-language', 'Vision-language and multimodal models', 'RL and alignment for models that see: VLMs, multimodal reasoning.', '"vision-language" OR "VLM" OR "multimodal" OR "visual" OR "image understanding"'],
  ['image-video-generation', 'Image and video generation', 'Aligning diffusion and other generative models of images and video.', '"diffusion" OR "text-to-image" OR "image generation" OR "video generation" OR "flow matching"'],
  ['robotics', 'Robotics and control', 'RL for robots, manipulation, locomotion and autonomous driving.', '"robot" OR "robotic" OR "manipulation" OR "locomotion" OR "autonomous driving" OR "embodied"'],
  ['safety', 'Safety and robustness', 'Harmlessness, jailbreaks, red teaming and safe RL.', '"safety" OR "safe" OR "harmful" OR "jailbreak" OR "red teaming" OR "robustness"'],
  ['exploration', 'Exploration and entropy', 'Exploration, entropy regularization and diversity in RL training.', '"exploration" OR "entropy" OR "diversity" OR "curiosity"'],
  ['self-improvement', 'Self-improvement and self-play', 'Models that generate their own data, rewards or opponents to improve.', '"self-improvement" OR "self-play" OR "self-rewarding" OR "self-evolving" OR "self-training"'],
  ['personalization', 'Personalization and pluralistic alignment', 'Aligning to individual users and diverse preferences.', '"personalized" OR "personalization" OR "pluralistic" OR "individual preferences" OR "user preferences"'],
  ['efficient-training', 'Efficient RL training', 'Sample efficiency, off-policy data, compute and systems for RL at scale.', '"efficient" OR "efficiency" OR "off-policy" OR "sample efficiency" OR "asynchronous" OR "compute"'],
  ['benchmarks-evaluation', 'Benchmarks and evaluation', 'New benchmarks, datasets and evaluation methods.', 'title:"benchmark"^2 OR "benchmark" OR "evaluation" OR "dataset" OR "leaderboard"'],
  ['theory', 'Theory of RL and alignment', 'Convergence, sample complexity and other theoretical results.', '"theoretical" OR "theory" OR "convergence" OR "regret" OR "sample complexity" OR "provably"'],
];

export class SeedTopicCatalog1795302000000 implements MigrationInterface {
  name = 'SeedTopicCatalog1795302000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [slug, name, description, query] of TOPICS) {
      await queryRunner.query(
        'INSERT INTO topics (slug, name, description, query) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING',
        [slug, name, description, query],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM topics WHERE slug = ANY($1)', [TOPICS.map(([slug]) => slug)]);
  }
}
