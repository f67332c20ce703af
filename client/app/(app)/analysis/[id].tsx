import { AnalysisScreen } from '@/screens/AnalysisScreen';

export default AnalysisScreen;
