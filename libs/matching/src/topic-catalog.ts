/** One catalog topic: what subscribers pick, and the query that finds its papers. */
export interface CatalogTopic {
  slug: string;
  name: string;
  description: string;
  /** In the query language of query.ts. */
  query: string;
}

/**
 * The 21 topics seeded first (mostly RL and alignment), with their tuned
 * queries: what the TuneTopicQueries migration wrote.
 */
export const SEEDED_TOPICS: readonly CatalogTopic[] = [
  {
    slug: 'rlhf',
    name: 'RLHF and preference alignment',
    description: 'Aligning language models with human preferences: RLHF, DPO and their relatives.',
    query: 'title:(RLHF OR "human feedback" OR "preference optimization" OR "preference alignment" OR "preference learning" OR "human preferences" OR DPO)^2 OR "RLHF" OR "human feedback" OR "preference optimization" OR "DPO" OR "preference alignment" OR "preference data" OR "human preferences" OR "preference learning" OR "pairwise preferences" OR "preference feedback"',
  },
  {
    slug: 'reward-modeling',
    name: 'Reward modeling',
    description: 'Learning reward models: outcome and process reward models, preference models, their training and evaluation.',
    query: 'title:("reward model" OR "reward modeling" OR PRM OR RM OR "preference model" OR "preference modeling")^3 OR "reward model" OR "process reward" OR "PRM" OR "RM" OR "preference model" OR "generative reward" OR "Bradley-Terry" OR "outcome reward model"',
  },
  {
    slug: 'verifiable-rewards',
    name: 'Verifiable rewards (RLVR)',
    description: 'Reinforcement learning from rule-based or automatically verified rewards.',
    query: 'title:(RLVR OR verifiable OR verified OR verifier)^2 OR "verifiable reward" OR "RLVR" OR "rule-based reward" OR "verified reward" OR "verifiable" OR "verifier" OR "rule-based" OR "execution feedback" OR "test cases"',
  },
  {
    slug: 'policy-optimization',
    name: 'Policy optimization algorithms',
    description: 'PPO, GRPO and other policy-gradient methods for language models.',
    query: 'title:("policy optimization" OR GRPO OR PPO OR "policy gradient")^3 OR "GRPO" OR "PPO" OR "policy gradient" OR "policy optimization" OR "advantage estimation" OR "advantage" OR RLOO OR "actor-critic" OR "importance sampling" OR "clipping"',
  },
  {
    slug: 'reasoning-rl',
    name: 'RL for reasoning',
    description: 'Reinforcement learning that improves multi-step reasoning and chain of thought.',
    query: 'title:(reasoning OR reason OR "chain-of-thought" OR reasoner)^3 OR "reasoning" OR "chain-of-thought" OR "CoT" OR "long CoT" OR "reasoning models" OR "multi-step reasoning" OR "reasoning capabilities"',
  },
  {
    slug: 'math-reasoning',
    name: 'Mathematical reasoning',
    description: 'Math word problems, competition math and theorem proving.',
    query: 'title:(math OR mathematical OR theorem)^3 OR "mathematical reasoning" OR "math reasoning" OR "math" OR "theorem proving" OR "AIME" OR "GSM8K" OR "MATH" OR "olympiad" OR "competition math" OR "math word problems" OR "AMC" OR "MATH500" OR "problem solving"',
  },
  {
    slug: 'code-generation',
    name: 'Code generation',
    description: 'Models that write, repair or test code; software-engineering agents.',
    query: 'title:(code OR coding OR SQL OR programming OR software)^3 OR "code generation" OR "coding" OR "code completion" OR "software engineering" OR "program synthesis" OR "unit tests" OR "test cases" OR "SQL" OR "programming" OR "SWE-bench" OR "code LLM" OR "code repair" OR "LeetCode" OR "Codeforces" OR "HumanEval" OR "execution accuracy"',
  },
  {
    slug: 'llm-agents',
    name: 'LLM agents and tool use',
    description: 'Agents that plan, call tools, browse and act over many turns.',
    query: 'title:(agent OR agents OR agentic OR "tool use" OR tool)^3 OR "agentic" OR "LLM agents" OR "LLM-based agents" OR "language agents" OR "search agents" OR "coding agents" OR "web agents" OR "tool use" OR "tool calling" OR "tool calls" OR "multi-turn" OR "web navigation" OR "deep research" OR "long-horizon" OR "planning"',
  },
  {
    slug: 'reward-hacking',
    name: 'Reward hacking and over-optimization',
    description: 'When policies exploit flawed rewards, and how to detect or prevent it.',
    query: 'title:("reward hacking" OR hacking OR "over-optimization" OR overoptimization)^3 OR "reward hacking" OR "over-optimization" OR "overoptimization" OR "specification gaming" OR "reward exploitation" OR "exploit flaws" OR "reward misspecification" OR "shortcut" OR "Goodhart" OR "reward gaming" OR "hacking"',
  },
  {
    slug: 'llm-as-judge',
    name: 'LLM-as-a-judge and AI feedback',
    description: 'Language models that grade, critique or give feedback (RLAIF, generative reward models).',
    query: 'title:(judge OR critique OR "AI feedback" OR "generative reward" OR GenRM OR rubric)^3 OR "LLM-as-a-judge" OR "judge" OR "critique" OR "AI feedback" OR "RLAIF" OR "generative reward" OR "GenRM" OR "rubric" OR "LLM feedback" OR "grader" OR "LLMs as reward models"',
  },
  {
    slug: 'reward-design',
    name: 'Reward design and shaping',
    description: 'Designing, shaping and learning reward functions for RL agents.',
    query: 'title:(reward OR rewards OR "reward design" OR "reward shaping" OR "reward function")^2 OR "reward design" OR "reward shaping" OR "reward function" OR "dense reward" OR "reward signal" OR "intrinsic reward" OR "reward mechanism" OR "sparse reward" OR "reward structure" OR "partial rewards" OR "credit assignment"',
  },
  {
    slug: 'vision-language',
    name: 'Vision-language and multimodal models',
    description: 'RL and alignment for models that see: VLMs, multimodal reasoning.',
    query: 'title:("vision-language" OR VLM OR VLMs OR MLLM OR MLLMs OR LVLM OR multimodal OR visual OR vision OR video OR image OR 3D)^3 OR "vision-language" OR "VLM" OR "MLLM" OR "LVLM" OR "multimodal" OR "visual" OR "video" OR "image understanding" OR "visual reasoning" OR "Qwen2.5-VL"',
  },
  {
    slug: 'image-video-generation',
    name: 'Image and video generation',
    description: 'Aligning diffusion and other generative models of images and video.',
    query: 'title:("image generation" OR "video generation" OR "visual generation" OR "text-to-image" OR diffusion OR "flow models")^3 OR "diffusion" OR "text-to-image" OR "image generation" OR "video generation" OR "flow matching" OR "flow models" OR "text-to-video" OR "image synthesis" OR "generated images"',
  },
  {
    slug: 'robotics',
    name: 'Robotics and control',
    description: 'RL for robots, manipulation, locomotion and autonomous driving.',
    query: 'title:(robot OR robotic OR robotics OR manipulation OR locomotion OR driving OR embodied OR "vision-language-action")^3 OR "robot" OR "robotic" OR "robotic manipulation" OR "manipulation tasks" OR "locomotion" OR "autonomous driving" OR "autonomous vehicles" OR "embodied" OR "vision-language-action" OR "VLA" OR "sim-to-real" OR "dexterous" OR "quadruped"',
  },
  {
    slug: 'safety',
    name: 'Safety and robustness',
    description: 'Harmlessness, jailbreaks, red teaming and safe RL.',
    query: 'title:(safety OR safe OR harmful OR jailbreak OR deception OR deceptive OR "red teaming" OR toxicity)^3 OR "safety" OR "harmful" OR "harmless" OR "jailbreak" OR "red teaming" OR "toxic" OR "deception" OR "deceptive" OR "safe RL" OR "misalignment" OR "adversarial"',
  },
  {
    slug: 'exploration',
    name: 'Exploration and entropy',
    description: 'Exploration, entropy regularization and diversity in RL training.',
    query: 'title:(exploration OR explore OR entropy OR diversity OR curiosity OR bandits)^3 OR "exploration" OR "explore" OR "entropy" OR "diversity" OR "curiosity" OR "intrinsic motivation" OR "exploration-exploitation" OR "bandit" OR "novelty"',
  },
  {
    slug: 'self-improvement',
    name: 'Self-improvement and self-play',
    description: 'Models that generate their own data, rewards or opponents to improve.',
    query: 'title:(self-improvement OR self-improving OR self-play OR self-rewarding OR self-evolving OR self-training OR self-generated OR self-alignment OR themselves)^3 OR "self-improvement" OR "self-improving" OR "self-play" OR "self-rewarding" OR "self-evolving" OR "self-training" OR "self-generated" OR "self-alignment" OR "self-annotated" OR "their own" OR "its own" OR "open-ended learning"',
  },
  {
    slug: 'personalization',
    name: 'Personalization and pluralistic alignment',
    description: 'Aligning to individual users and diverse preferences.',
    query: 'title:(personalized OR personalization OR personalizing OR pluralistic)^3 OR "personalized" OR "personalization" OR "pluralistic" OR "individual preferences" OR "user preferences" OR "diverse preferences" OR "heterogeneous preferences" OR "user-specific" OR "diverse human preferences"',
  },
  {
    slug: 'efficient-training',
    name: 'Efficient RL training',
    description: 'Sample efficiency, off-policy data, compute and systems for RL at scale.',
    query: 'title:(efficient OR efficiently OR efficiency OR "sample-efficient" OR lightweight OR cost)^2 OR "sample efficiency" OR "sample-efficient" OR "training efficiency" OR "efficient training" OR "training cost" OR "training costs" OR "computational cost" OR "computational resources" OR "off-policy" OR "asynchronous" OR "throughput" OR "memory usage" OR "VRAM" OR "compute" OR "fewer training samples" OR "accelerate"',
  },
  {
    slug: 'benchmarks-evaluation',
    name: 'Benchmarks and evaluation',
    description: 'New benchmarks, datasets and evaluation methods.',
    query: 'title:(benchmark OR bench OR benchmarking OR leaderboard OR testbed OR "evaluation suite")^3 OR "bench" OR "new benchmark" OR "comprehensive benchmark" OR "first benchmark" OR "benchmark for" OR "benchmark that" OR "evaluation framework" OR "evaluation suite" OR "evaluation protocol" OR "leaderboard" OR "new dataset" OR "evaluation methods" OR "metrics"',
  },
  {
    slug: 'theory',
    name: 'Theory of RL and alignment',
    description: 'Convergence, sample complexity and other theoretical results.',
    query: 'title:(theoretical OR theory OR convergence OR regret OR provably OR bounds OR "sample complexity")^3 OR "theoretical analysis" OR "theoretical framework" OR "theoretically" OR ("theory" NOT "theory of mind") OR "convergence" OR "regret" OR "sample complexity" OR "provably" OR "prove" OR "bounds" OR "theorem" OR "guarantee" OR "guarantees"',
  },
];

/**
 * Topics added so the catalog covers all of AI (issue 12): vision, video, 3D,
 * speech, NLP, retrieval, efficiency, interpretability, science, medicine,
 * data, scaling, architectures, graphs, privacy, factuality and classic deep
 * RL. A migration inserts these (by slug, leaving existing rows alone); their
 * queries were tuned on the tuning split of eval/ (see the README).
 */
export const ALL_OF_AI_TOPICS: readonly CatalogTopic[] = [
  {
    slug: 'visual-recognition',
    name: 'Visual recognition and segmentation',
    description: 'Image classification, object detection and segmentation, and visual representation learning.',
    query: 'title:("object detection" OR "object detector" OR "object detectors" OR segmentation OR "image classification" OR "visual recognition" OR "image recognition" OR "visual representation")^3 OR "object detection" OR "object detector" OR "semantic segmentation" OR "instance segmentation" OR "segmentation" OR "image classification" OR "ImageNet" OR "COCO" OR "bounding box" OR "mIoU" OR "vision transformer" OR "ViT" OR "backbone" OR "image classifiers" OR ((object OR objects) (detection OR detector OR detectors))',
  },
  {
    slug: 'video-understanding',
    name: 'Video understanding',
    description: 'Action recognition, temporal localization, tracking, video question answering and long-video reasoning.',
    query: 'title:(video OR videos OR "action recognition" OR tracking OR tracker OR egocentric)^3 OR "video understanding" OR "video reasoning" OR "video question answering" OR "action recognition" OR "temporal action" OR "action localization" OR "multi-object tracking" OR "egocentric" OR "untrimmed" OR "video" OR "clips" OR "frames"',
  },
  {
    slug: '3d-vision',
    name: '3D vision and reconstruction',
    description: '3D reconstruction, radiance fields and Gaussian splatting, depth estimation, point clouds and pose estimation.',
    query: 'title:(3D OR "radiance field" OR "radiance fields" OR NeRF OR Gaussians OR "Gaussian splatting" OR depth OR "point cloud" OR "6D" OR "pose estimation" OR reconstruction)^3 OR "3D" OR "radiance field" OR "NeRF" OR "Gaussian splatting" OR "novel view synthesis" OR "depth estimation" OR "point cloud" OR "LiDAR" OR "6D pose" OR "pose estimation" OR "3D reconstruction" OR "multi-view" OR "mesh" OR "scene reconstruction"',
  },
  {
    slug: 'speech-audio',
    name: 'Speech and audio',
    description: 'Speech recognition and synthesis, speakers and voices, audio processing, music and spoken language models.',
    query: 'title:(speech OR audio OR voice OR voices OR speaker OR music OR spoken OR acoustic OR ASR OR TTS OR listening)^3 OR "speech" OR "audio" OR "speech recognition" OR "text-to-speech" OR "speech synthesis" OR "speaker" OR "voice" OR "music" OR "spoken" OR "ASR" OR "TTS" OR "acoustic" OR "waveform" OR "vocoder" OR "word error rate"',
  },
  {
    slug: 'text-understanding',
    name: 'Text classification and information extraction',
    description: 'Sentiment analysis, named entity recognition, relation and event extraction, and text classification.',
    query: 'title:(sentiment OR "named entity" OR "entity recognition" OR "relation extraction" OR "event extraction" OR "information extraction" OR "text classification" OR "hate speech" OR stance)^3 OR "sentiment" OR "sentiment analysis" OR "polarity" OR "named entity recognition" OR "NER" OR "entity recognition" OR "relation extraction" OR "event extraction" OR "information extraction" OR "text classification" OR "hate speech" OR "stance detection" OR "intent detection" OR "emotion classification"',
  },
  {
    slug: 'multilingual-translation',
    name: 'Machine translation and multilingual NLP',
    description: 'Translation between languages, low-resource and multilingual language models, tokenization across languages.',
    query: 'title:(translation OR multilingual OR "cross-lingual" OR "low-resource" OR "machine translation" OR "across languages")^3 OR "machine translation" OR "translation" OR "multilingual" OR "cross-lingual" OR "low-resource languages" OR "low-resource" OR "BLEU" OR "language pairs" OR "African languages" OR "code-mixed" OR "non-English" OR "many languages" OR "other languages"',
  },
  {
    slug: 'retrieval-rag',
    name: 'Retrieval and RAG',
    description: 'Dense retrieval, reranking, search engines and retrieval-augmented generation.',
    query: 'title:(retrieval OR retriever OR RAG OR "retrieval-augmented" OR search OR reranking OR reranker)^3 OR "retrieval-augmented generation" OR "retrieval-augmented" OR "RAG" OR "retrieval" OR "retriever" OR "dense retrieval" OR "reranking" OR "reranker" OR "passages" OR "search engine" OR "search agents" OR "open-domain question answering" OR "nDCG"',
  },
  {
    slug: 'compression-quantization',
    name: 'Model compression and quantization',
    description: 'Quantization, pruning, knowledge distillation and low-bit weights.',
    query: 'title:(quantization OR quantized OR quantizing OR pruning OR distillation OR distilling OR compression OR "low-bit" OR ternary OR "1-bit" OR "1.58-bit")^3 OR "quantization" OR "post-training quantization" OR "quantized" OR "pruning" OR "knowledge distillation" OR "distillation" OR "compression" OR "low-bit" OR "4-bit" OR "3-bit" OR "8-bit" OR "student" OR "memory footprint" OR "fewer parameters"',
  },
  {
    slug: 'efficient-inference',
    name: 'Efficient inference and ML systems',
    description: 'Faster and cheaper inference and training systems: speculative decoding, KV caches, serving, kernels, parallelism, shorter reasoning.',
    query: 'title:(inference OR decoding OR serving OR "KV cache" OR cache OR kernels OR parallelism OR throughput OR latency OR speculative OR "efficient reasoning" OR "early exiting")^2 OR "speculative decoding" OR "KV cache" OR "key-value cache" OR "serving" OR "throughput" OR "latency" OR "inference cost" OR "kernels" OR "pipeline parallelism" OR "batching" OR "early exit" OR "speedup" OR "overthinking" OR "response length" OR "reasoning length" OR "inference efficiency"',
  },
  {
    slug: 'interpretability',
    name: 'Interpretability and explainability',
    description: 'Understanding what models compute: probing, circuits, sparse autoencoders, attribution and explanations.',
    query: 'title:(interpretability OR interpretable OR explainable OR explainability OR explanations OR circuit OR circuits OR probes OR probing OR "sparse autoencoders" OR saliency OR attribution OR steering OR "concept bottleneck")^3 OR "interpretability" OR "mechanistic interpretability" OR "explainability" OR "explainable" OR "sparse autoencoder" OR "circuits" OR "probing" OR "linear probes" OR "activation patching" OR "saliency" OR "attribution methods" OR "steering vector" OR "residual stream" OR "monosemantic"',
  },
  {
    slug: 'ai-for-science',
    name: 'AI for science',
    description: 'Machine learning for proteins, molecules, materials, chemistry, physics, weather and climate.',
    query: 'title:(protein OR proteins OR molecular OR molecule OR materials OR crystal OR crystals OR chemistry OR chemical OR physics OR weather OR climate OR scientific OR PDE OR fluid OR fluids)^3 OR "protein" OR "molecules" OR "molecular" OR "drug discovery" OR "materials" OR "crystal" OR "chemistry" OR "chemical" OR "physics" OR "weather" OR "climate" OR "partial differential equations" OR "scientific discovery" OR "scientific hypothesis"',
  },
  {
    slug: 'medical-ai',
    name: 'Medicine and health',
    description: 'Medical imaging, clinical text and records, diagnosis and health applications.',
    query: 'title:(medical OR clinical OR pathology OR radiology OR health OR patient OR patients OR diagnosis OR diagnostic OR hospital OR hospitals OR MRI OR "X-ray" OR "X-rays" OR tumor OR tumour OR tumours OR biomedical OR med)^3 OR "medical" OR "clinical" OR "patients" OR "diagnosis" OR "pathology" OR "radiology" OR "health" OR "hospital" OR "MRI" OR "X-ray" OR "disease" OR "biomedical" OR "EHR" OR "electronic health records"',
  },
  {
    slug: 'data-curation',
    name: 'Training data and synthetic data',
    description: 'Collecting, filtering, deduplicating, generating and selecting training data; data mixtures and contamination.',
    query: 'title:(data OR dataset OR corpus OR corpora OR synthetic OR deduplication OR contamination OR curation OR "data mixtures" OR "web text")^2 OR "data curation" OR "data quality" OR "data selection" OR "data filtering" OR "synthetic data" OR "deduplication" OR "data mixture" OR "contamination" OR "training data" OR "pretraining data" OR "instruction data" OR "preference data" OR "data synthesis" OR "self-generated" OR "pretraining corpora" OR "filtering" OR "web crawl"',
  },
  {
    slug: 'pretraining-scaling',
    name: 'Pretraining and scaling laws',
    description: 'Pretraining language models, scaling laws, compute budgets, learning rate schedules and open models.',
    query: 'title:("scaling laws" OR "scaling law" OR pretraining OR "pre-training" OR emergent OR "compute-optimal" OR "open language model")^3 OR "pretraining" OR "pre-training" OR "scaling law" OR "scaling laws" OR "compute-optimal" OR "training tokens" OR "trillion tokens" OR "learning rate schedule" OR "emergent abilities" OR "continual pretraining" OR "next-token prediction"',
  },
  {
    slug: 'architectures',
    name: 'Model architectures',
    description: 'Transformers and their alternatives: attention variants, state space models, recurrent layers, mixture of experts, positional encodings.',
    query: 'title:(architecture OR architectures OR attention OR "state space" OR SSM OR SSMs OR "mixture-of-experts" OR MoE OR transformer OR transformers OR recurrent OR normalization OR normalisation OR positional OR rotary)^3 OR "state space model" OR "SSM" OR "mixture-of-experts" OR "mixture of experts" OR "MoE" OR "linear attention" OR "attention layers" OR "recurrent" OR "architecture" OR "positional encoding" OR "rotary" OR "layer normalization" OR "quadratic"',
  },
  {
    slug: 'graph-learning',
    name: 'Graph learning',
    description: 'Graph neural networks, graph transformers, knowledge graphs and link prediction.',
    query: 'title:(graph OR graphs OR GNN OR GNNs OR "message passing")^3 OR "graph neural network" OR "GNN" OR "message passing" OR "knowledge graph" OR "link prediction" OR "node classification" OR "graph" OR "graphs" OR "heterophily" OR "heterophilous" OR "nodes"',
  },
  {
    slug: 'privacy-security',
    name: 'Privacy and security',
    description: 'Differential privacy, federated learning, unlearning, membership inference, watermarking, backdoors and data poisoning.',
    query: 'title:(privacy OR private OR federated OR unlearning OR membership OR watermark OR watermarks OR backdoor OR backdoors OR poisoning)^3 OR "differential privacy" OR "differentially private" OR "privacy" OR "federated learning" OR "federated" OR "unlearning" OR "membership inference" OR "watermark" OR "backdoor" OR "poisoning" OR "poisoned" OR "extraction attacks"',
  },
  {
    slug: 'hallucination-factuality',
    name: 'Hallucination and factuality',
    description: 'When models state false things: detecting and reducing hallucination, factuality, calibration, citations and knowledge editing.',
    query: 'title:(hallucination OR hallucinations OR factuality OR factual OR truthful OR truth OR abstention OR citation OR citations OR cite)^3 OR "hallucination" OR "hallucinations" OR "hallucinated" OR "factuality" OR "factual" OR "truthfulness" OR "TruthfulQA" OR "fabricated" OR "calibration" OR "abstain" OR "citations" OR "knowledge editing"',
  },
  {
    slug: 'deep-rl',
    name: 'Deep RL for control and games',
    description: 'Reinforcement learning agents acting in environments: offline, model-based, multi-agent, hierarchical and game-playing RL.',
    query: 'title:(offline OR "model-based" OR "multi-agent" OR games OR game OR locomotion OR "world models" OR MDP OR MDPs OR "deep reinforcement learning" OR skill OR robotic OR "goal-conditioned")^2 OR "deep reinforcement learning" OR "offline reinforcement learning" OR "offline RL" OR "multi-agent reinforcement learning" OR "multi-agent" OR "model-based" OR "world model" OR "Atari" OR "MuJoCo" OR "D4RL" OR "continuous control" OR "Q-function" OR "value function" OR "self-play" OR "game" OR "locomotion" OR "sparse reward" OR "simulation" OR "RL agents" OR "reinforcement learning agents" OR "DQN" OR "Q-learning" OR "sequential decision-making" OR "environments" OR "skill discovery" OR "imitation learning" OR "sim-to-real" OR "hierarchical reinforcement learning" OR "distributional"',
  },
];

/** Every topic: the seeded ones, then those added for all of AI. The single source a migration reads. */
export const TOPIC_CATALOG: readonly CatalogTopic[] = [...SEEDED_TOPICS, ...ALL_OF_AI_TOPICS];
